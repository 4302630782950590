<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>taskmill::BackendClient</name>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="27"/>
        <source>Unexpected response from the backend: %1</source>
        <translation>Неожиданный ответ сервера: %1</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="94"/>
        <source>the health answer has no status</source>
        <translation>в ответе проверки состояния нет поля status</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="244"/>
        <source>The request to %1 was cancelled.</source>
        <translation>Запрос к %1 отменён.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="247"/>
        <source>Cannot connect to %1: connection refused.</source>
        <translation>Не удаётся подключиться к %1: соединение отклонено.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="250"/>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 не ответил за %2 с.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="252"/>
        <source>Cannot reach %1: %2</source>
        <translation>%1 недоступен: %2</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="265"/>
        <source>The backend sent malformed JSON (HTTP %1, offset %2: %3).</source>
        <translation>Сервер прислал некорректный JSON (HTTP %1, позиция %2: %3).</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="270"/>
        <source>The backend sent JSON that is not an object (HTTP %1).</source>
        <translation>Сервер прислал JSON, который не является объектом (HTTP %1).</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="296"/>
        <source>The backend speaks protocol %1; this app needs protocol %2.</source>
        <translation>Сервер использует протокол версии %1, а приложению нужна версия %2.</translation>
    </message>
</context>
<context>
    <name>taskmill::BackendLogPanel</name>
    <message>
        <location filename="../../app/views/BackendLogPanel.cpp" line="22"/>
        <source>No local backend was started.</source>
        <translation>Локальный сервер не запускался.</translation>
    </message>
</context>
<context>
    <name>taskmill::ConnectionStatusWidget</name>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="62"/>
        <source>Connected to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="66"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="70"/>
        <source>Disconnected from %1</source>
        <translation>Нет связи с %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="76"/>
        <source>Backend %1</source>
        <translation>Сервер %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="78"/>
        <source>%1 ms</source>
        <comment>latency</comment>
        <translation>%1 мс</translation>
    </message>
</context>
<context>
    <name>taskmill::CreateTaskDialog</name>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="25"/>
        <source>New Task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="34"/>
        <source>Short description shown in the task list</source>
        <translation>Краткое описание для списка задач</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="51"/>
        <source>&amp;Type:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="52"/>
        <source>T&amp;itle:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="53"/>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="54"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Приоритет:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="55"/>
        <source>P&amp;ayload (JSON):</source>
        <translation>&amp;Данные (JSON):</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="64"/>
        <source>Create</source>
        <comment>task</comment>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="159"/>
        <source>The task was not created: %1</source>
        <translation>Задача не создана: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::CreateTaskForm</name>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="19"/>
        <source>Not valid JSON: %1 (at character %2).</source>
        <translation>Некорректный JSON: %1 (символ %2).</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="37"/>
        <source>Use 1 to %1 characters: letters A-Z, digits, _ . : -</source>
        <translation>От 1 до %1 символов: латинские буквы, цифры, _ . : -</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="39"/>
        <source>The title may have at most %1 characters (it has %2).</source>
        <translation>Заголовок может содержать не более %1 символов (сейчас %2).</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="43"/>
        <source>The description may have at most %1 characters.</source>
        <translation>Описание может содержать не более %1 символов.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="45"/>
        <source>The payload must be a JSON object, e.g. {&quot;ms&quot;: 250}.</source>
        <translation>Данные должны быть JSON-объектом, например {&quot;ms&quot;: 250}.</translation>
    </message>
</context>
<context>
    <name>taskmill::FilterBar</name>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="74"/>
        <source>Priority:</source>
        <translation>Приоритет:</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="76"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="55"/>
        <source>Search title or description</source>
        <translation>Поиск по заголовку или описанию</translation>
    </message>
</context>
<context>
    <name>taskmill::LaunchOptions</name>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="17"/>
        <source>Desktop client for the Taskmill task queue.</source>
        <translation>Настольный клиент очереди задач Taskmill.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="20"/>
        <source>Connect to the backend at &lt;url&gt;.</source>
        <translation>Подключиться к серверу по адресу &lt;адрес&gt;.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="20"/>
        <source>url</source>
        <translation>адрес</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="21"/>
        <source>Start a private backend if none answers at the URL (default %1).</source>
        <translation>Запустить собственный сервер, если по адресу никто не отвечает (по умолчанию %1).</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="23"/>
        <source>Name of the connection profile.</source>
        <translation>Имя профиля подключения.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="23"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="42"/>
        <source>Not a backend URL: %1 (expected e.g. http://host:8080)</source>
        <translation>Это не адрес сервера: %1 (ожидается, например, http://host:8080)</translation>
    </message>
</context>
<context>
    <name>taskmill::LocalBackend</name>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="39"/>
        <source>taskmilld exited with code %1.</source>
        <translation>taskmilld завершился с кодом %1.</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="45"/>
        <source>Cannot start %1: %2</source>
        <translation>Не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="84"/>
        <source>Cannot start a local backend: %1 was not found next to the app or in PATH.</source>
        <translation>Не удаётся запустить локальный сервер: %1 не найден ни рядом с приложением, ни в PATH.</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="91"/>
        <source>Starting %1 %2</source>
        <translation>Запуск: %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="104"/>
        <source>taskmilld did not stop within %1 s; killing it.</source>
        <translation>taskmilld не остановился за %1 с; процесс будет завершён принудительно.</translation>
    </message>
</context>
<context>
    <name>taskmill::MainWindow</name>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="39"/>
        <source>Taskmill — %1</source>
        <translation>Taskmill — %1</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="53"/>
        <source>Tasks</source>
        <comment>toolbar</comment>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="60"/>
        <source>Task Details</source>
        <translation>Сведения о задаче</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="77"/>
        <source>Loading tasks failed: %1</source>
        <translation>Не удалось загрузить задачи: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="99"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="100"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="104"/>
        <source>&amp;Tasks</source>
        <translation>&amp;Задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="110"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="113"/>
        <source>Local Backend Log</source>
        <translation>Журнал локального сервера</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="124"/>
        <source>&amp;Clear Filter</source>
        <translation>&amp;Сбросить фильтр</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskActions</name>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="28"/>
        <source>&amp;New Task…</source>
        <translation>&amp;Новая задача…</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="33"/>
        <source>&amp;Cancel Selected…</source>
        <translation>&amp;Отменить выбранные…</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="38"/>
        <source>&amp;Refresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="57"/>
        <source>Created task %1.</source>
        <translation>Создана задача %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="71"/>
        <location filename="../../app/views/TaskActions.cpp" line="108"/>
        <source>Cancel Tasks</source>
        <comment>dialog title</comment>
        <translation>Отмена задач</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="72"/>
        <source>Cancel %n selected task(s)? Running tasks stop at their next cancellation check.</source>
        <translation>
            <numerusform>Отменить %n выбранную задачу? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
            <numerusform>Отменить %n выбранные задачи? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
            <numerusform>Отменить %n выбранных задач? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="77"/>
        <source>Cancel Tasks</source>
        <comment>button</comment>
        <translation>Отменить задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="78"/>
        <source>Keep Running</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="100"/>
        <source>Task %1: %2</source>
        <translation>Задача %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="106"/>
        <source>Cancelled %n task(s).</source>
        <translation>
            <numerusform>Отменена %n задача.</numerusform>
            <numerusform>Отменены %n задачи.</numerusform>
            <numerusform>Отменено %n задач.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="109"/>
        <source>Some tasks were not cancelled:
%1</source>
        <translation>Некоторые задачи не отменены:
%1</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskDetailsPanel</name>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="59"/>
        <source>Select a task to see its details.</source>
        <translation>Выберите задачу, чтобы увидеть сведения о ней.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="66"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="67"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="68"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="69"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="70"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="71"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="72"/>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="73"/>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="110"/>
        <source>Worker</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="74"/>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="75"/>
        <source>Run at</source>
        <translation>Запуск в</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="76"/>
        <source>Started</source>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="77"/>
        <source>Finished</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="78"/>
        <source>Updated</source>
        <translation>Обновлена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="79"/>
        <source>Dead-lettered</source>
        <translation>В очереди недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="80"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="81"/>
        <source>Trace ID</source>
        <translation>ID трассировки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="82"/>
        <source>Span ID</source>
        <translation>ID спана</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="89"/>
        <source>%1:</source>
        <comment>form label</comment>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="92"/>
        <source>Copy Trace ID</source>
        <translation>Копировать ID трассировки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="110"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="110"/>
        <source>From</source>
        <comment>status</comment>
        <translation>Из</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="110"/>
        <source>To</source>
        <comment>status</comment>
        <translation>В</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="111"/>
        <source>Attempt</source>
        <translation>Попытка</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="111"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="123"/>
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="124"/>
        <source>Payload</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="125"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="126"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="186"/>
        <source>%1 of %2</source>
        <comment>attempts</comment>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="209"/>
        <source>Loading the history failed: %1</source>
        <translation>Не удалось загрузить историю: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskModel</name>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="77"/>
        <source>%1/%2</source>
        <comment>attempts of max attempts</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="108"/>
        <source>Id</source>
        <comment>column</comment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="109"/>
        <source>Title</source>
        <comment>column</comment>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="110"/>
        <source>Type</source>
        <comment>column</comment>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="111"/>
        <source>Priority</source>
        <comment>column</comment>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="112"/>
        <source>Status</source>
        <comment>column</comment>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="113"/>
        <source>Attempts</source>
        <comment>column</comment>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="114"/>
        <source>Created</source>
        <comment>column</comment>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="115"/>
        <source>Started</source>
        <comment>column</comment>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="116"/>
        <source>Completed</source>
        <comment>column</comment>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="117"/>
        <source>Error</source>
        <comment>column</comment>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="307"/>
        <source>Low</source>
        <comment>priority</comment>
        <translation>Низкий</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="308"/>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>Средний</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="309"/>
        <source>High</source>
        <comment>priority</comment>
        <translation>Высокий</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="317"/>
        <source>New</source>
        <comment>status</comment>
        <translation>Новая</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="318"/>
        <source>Pending</source>
        <comment>status</comment>
        <translation>В очереди</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="319"/>
        <source>In progress</source>
        <comment>status</comment>
        <translation>Выполняется</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="320"/>
        <source>Completed</source>
        <comment>status</comment>
        <translation>Выполнена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="321"/>
        <source>Failed</source>
        <comment>status</comment>
        <translation>Сбой</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="322"/>
        <source>Cancelled</source>
        <comment>status</comment>
        <translation>Отменена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="323"/>
        <source>Postponed</source>
        <comment>status</comment>
        <translation>Отложена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="324"/>
        <source>Waiting to retry</source>
        <comment>status</comment>
        <translation>Ждёт повтора</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskTablePanel</name>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="54"/>
        <source>First page</source>
        <translation>Первая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="55"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="56"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskTablePanel.cpp" line="99"/>
        <source>Page %1 of %2 · %n task(s)</source>
        <translation>
            <numerusform>Страница %1 из %2 · %n задача</numerusform>
            <numerusform>Страница %1 из %2 · %n задачи</numerusform>
            <numerusform>Страница %1 из %2 · %n задач</numerusform>
        </translation>
    </message>
</context>
</TS>
