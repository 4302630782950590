<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="14"/>
        <source>The server did not understand the request.</source>
        <translation>Сервер не понял запрос.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="16"/>
        <source>A value was refused.</source>
        <translation>Значение отклонено.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="17"/>
        <source>The server needs you to log in again.</source>
        <translation>Сервер просит войти снова.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="18"/>
        <source>Your role does not allow this.</source>
        <translation>Ваша роль этого не позволяет.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="19"/>
        <source>It no longer exists on the server.</source>
        <translation>На сервере этого больше нет.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="20"/>
        <source>Its current state does not allow this.</source>
        <translation>Текущее состояние этого не позволяет.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="21"/>
        <source>The worker&apos;s lease had already expired.</source>
        <translation>Аренда воркера уже истекла.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="22"/>
        <source>The request is larger than the server accepts.</source>
        <translation>Запрос больше, чем принимает сервер.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="24"/>
        <source>The server refused the request as unsafe.</source>
        <translation>Сервер отклонил запрос как небезопасный.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="25"/>
        <source>Too many requests: the server asks to wait.</source>
        <translation>Слишком много запросов: сервер просит подождать.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="26"/>
        <source>The data asked for has expired on the server.</source>
        <translation>Запрошенные данные на сервере уже устарели.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="27"/>
        <source>The server or its database is not reachable.</source>
        <translation>Сервер или его база данных недоступны.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="28"/>
        <source>The server took too long: narrow the filter or search.</source>
        <translation>Сервер отвечал слишком долго: сузьте фильтр или поиск.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="29"/>
        <location filename="../../app/views/ErrorText.cpp" line="31"/>
        <source>The server failed unexpectedly.</source>
        <translation>На сервере произошёл непредвиденный сбой.</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="38"/>
        <source>Field: %1</source>
        <translation>Поле: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ErrorText.cpp" line="40"/>
        <source>Server: %1</source>
        <translation>Сервер: %1</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <location filename="../../app/models/RelativeTime.cpp" line="31"/>
        <source>just now</source>
        <translation>только что</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/models/RelativeTime.cpp" line="33"/>
        <source>%Ln min ago</source>
        <translation>
            <numerusform>%Ln мин назад</numerusform>
            <numerusform>%Ln мин назад</numerusform>
            <numerusform>%Ln мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/models/RelativeTime.cpp" line="35"/>
        <source>%Ln h ago</source>
        <translation>
            <numerusform>%Ln ч назад</numerusform>
            <numerusform>%Ln ч назад</numerusform>
            <numerusform>%Ln ч назад</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/models/RelativeTime.cpp" line="37"/>
        <source>yesterday %1</source>
        <comment>time of day</comment>
        <translation>вчера в %1</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <location filename="../../app/models/TimeFormat.h" line="64"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location filename="../../app/models/TimeFormat.h" line="66"/>
        <location filename="../../app/models/TimeFormat.h" line="68"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location filename="../../app/models/TimeFormat.h" line="70"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <location filename="../../app/models/TimeFormat.h" line="72"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location filename="../../app/models/TimeFormat.h" line="73"/>
        <source>%1 d %2 h</source>
        <translation>%1 д %2 ч</translation>
    </message>
</context>
<context>
    <name>taskmill</name>
    <message>
        <source>%1 ms</source>
        <translation type="obsolete">%1 мс</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="obsolete">%1 с</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="obsolete">%1 мин %2 с</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="obsolete">%1 ч %2 мин</translation>
    </message>
</context>
<context>
    <name>taskmill::AccountActions</name>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="32"/>
        <source>&amp;Add…</source>
        <comment>user</comment>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="33"/>
        <source>Create an account that logs in with an e-mail and a password</source>
        <translation>Создать учётную запись, которая входит по e-mail и паролю</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="35"/>
        <source>Edit &amp;Role…</source>
        <comment>user</comment>
        <translation>Изменить &amp;роль…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="37"/>
        <source>Reset &amp;Password…</source>
        <comment>user</comment>
        <translation>Сбросить &amp;пароль…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="39"/>
        <source>&amp;Delete…</source>
        <comment>user</comment>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="41"/>
        <source>&amp;New Token…</source>
        <translation>&amp;Новый токен…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="42"/>
        <source>Create an API token for a worker, a script or a service</source>
        <translation>Создать API-токен для воркера, скрипта или сервиса</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="44"/>
        <source>Re&amp;voke…</source>
        <comment>token</comment>
        <translation>&amp;Отозвать…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <comment>users and tokens</comment>
        <translation type="vanished">О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="46"/>
        <source>New &amp;Invite…</source>
        <translation>Новое пр&amp;иглашение…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="47"/>
        <source>Create a single-use code with which someone can make their own account</source>
        <translation>Создать одноразовый код, с которым человек сможет сам завести учётную запись</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="49"/>
        <source>De&amp;lete Invite…</source>
        <translation>Удалить при&amp;глашение…</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="51"/>
        <source>Re&amp;load</source>
        <comment>users, tokens and invites</comment>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="111"/>
        <source>Added user %1.</source>
        <translation>Пользователь %1 добавлен.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="112"/>
        <source>Changed the role of %1.</source>
        <translation>Роль пользователя %1 изменена.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="113"/>
        <source>Set a new password for %1.</source>
        <translation>Для %1 задан новый пароль.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="134"/>
        <source>Created token %1.</source>
        <translation>Токен %1 создан.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="152"/>
        <source>Created an invite for anyone.</source>
        <translation>Создано приглашение для любого адреса.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="153"/>
        <source>Created an invite for %1.</source>
        <translation>Создано приглашение для %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="172"/>
        <source>Delete User</source>
        <comment>dialog title</comment>
        <translation>Удаление пользователя</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="173"/>
        <source>Delete the account %1? It can no longer log in, and its sessions end at once. Its tasks stay.</source>
        <translation>Удалить учётную запись %1? Она больше не сможет войти, её сеансы сразу завершатся. Её задачи останутся.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="174"/>
        <source>Delete</source>
        <comment>user</comment>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="182"/>
        <source>Deleted user %1.</source>
        <translation>Пользователь %1 удалён.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="184"/>
        <source>The user %1 was not deleted: %2</source>
        <translation>Пользователь %1 не удалён: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="194"/>
        <source>Revoke Token</source>
        <comment>dialog title</comment>
        <translation>Отзыв токена</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="195"/>
        <source>Revoke the token %1? Every program that uses it is refused from now on. This cannot be undone.</source>
        <translation>Отозвать токен %1? Все программы, которые им пользуются, с этого момента получат отказ. Это действие нельзя отменить.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="196"/>
        <source>Revoke</source>
        <comment>token</comment>
        <translation>Отозвать</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="204"/>
        <source>Revoked token %1.</source>
        <translation>Токен %1 отозван.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="206"/>
        <source>The token %1 was not revoked: %2</source>
        <translation>Токен %1 не отозван: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="219"/>
        <source>Remove the %1 invite from the list? Accounts made with it stay.</source>
        <translation>Убрать приглашение (%1) из списка? Учётные записи, созданные по нему, останутся.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="221"/>
        <source>Delete the open invite for anyone, valid until %1? Its code stops working at once.</source>
        <translation>Удалить открытое приглашение для любого адреса, действующее до %1? Его код сразу перестанет работать.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="223"/>
        <source>Delete the open invite for %1? Its code stops working at once.</source>
        <translation>Удалить открытое приглашение для %1? Его код сразу перестанет работать.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="224"/>
        <source>Delete Invite</source>
        <comment>dialog title</comment>
        <translation>Удаление приглашения</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="224"/>
        <source>Delete</source>
        <comment>invite</comment>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="232"/>
        <source>Deleted the invite.</source>
        <translation>Приглашение удалено.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountActions.cpp" line="234"/>
        <source>The invite was not deleted: %1</source>
        <translation>Приглашение не удалено: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::AccountsPage</name>
    <message>
        <location filename="../../app/views/AccountsPage.cpp" line="71"/>
        <source>An invite lets one person create their own account in the login dialog (Create Account…). Codes work only while the server&apos;s auth.registration is &quot;invite&quot;.</source>
        <translation>Приглашение позволяет одному человеку самому завести учётную запись в окне входа («Создать учётную запись…»). Коды работают, только пока на сервере auth.registration = &quot;invite&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountsPage.cpp" line="87"/>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountsPage.cpp" line="91"/>
        <source>API Tokens</source>
        <translation>API-токены</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountsPage.cpp" line="95"/>
        <source>Invites</source>
        <translation>Приглашения</translation>
    </message>
    <message>
        <location filename="../../app/views/AccountsPage.cpp" line="236"/>
        <source>Loading the accounts failed: %1</source>
        <translation>Не удалось загрузить учётные записи: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::AdminPages</name>
    <message>
        <location filename="../../app/views/AdminPages.cpp" line="26"/>
        <source>Users &amp;&amp; Tokens</source>
        <comment>page</comment>
        <translation>Пользователи и токены</translation>
    </message>
    <message>
        <location filename="../../app/views/AdminPages.cpp" line="28"/>
        <source>Audit</source>
        <comment>page</comment>
        <translation>Аудит</translation>
    </message>
</context>
<context>
    <name>taskmill::AuditLogPage</name>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="75"/>
        <source>Select an entry to see its details.</source>
        <translation>Выберите запись, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="85"/>
        <source>Load &amp;More</source>
        <comment>audit entries</comment>
        <translation>Загрузить &amp;ещё</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="87"/>
        <location filename="../../app/views/AuditLogPage.cpp" line="284"/>
        <source>Append the next older entries</source>
        <translation>Добавить следующие, более старые записи</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="121"/>
        <source>Actor (exact)</source>
        <translation>Кто (точно)</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="122"/>
        <source>The actor exactly as the table shows it; double-click an actor to filter by it</source>
        <translation>Исполнитель действия точно так, как он показан в таблице; двойной щелчок по нему включает этот фильтр</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="126"/>
        <location filename="../../app/views/AuditLogPage.cpp" line="261"/>
        <source>All actions</source>
        <translation>Все действия</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="129"/>
        <source>Task id</source>
        <translation>ID задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="131"/>
        <source>Since</source>
        <comment>audit time range</comment>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="134"/>
        <source>Until</source>
        <comment>audit time range</comment>
        <translation>До</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="137"/>
        <source>C&amp;lear</source>
        <comment>audit filter</comment>
        <translation>С&amp;бросить</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="223"/>
        <source>The task id must be a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.</source>
        <translation>ID задачи должен быть UUID, например 1b4e28ba-2fa1-11d2-883f-0016d3cca427.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/AuditLogPage.cpp" line="292"/>
        <source>%Ln newest entries shown</source>
        <translation>
            <numerusform>Показана %Ln последняя запись</numerusform>
            <numerusform>Показаны %Ln последние записи</numerusform>
            <numerusform>Показано %Ln последних записей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/AuditLogPage.cpp" line="292"/>
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln запись</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записей</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="300"/>
        <source>Loading the audit log failed: %1</source>
        <translation>Не удалось загрузить журнал аудита: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/AuditLogPage.cpp" line="313"/>
        <source>Tasks:</source>
        <translation>Задачи:</translation>
    </message>
</context>
<context>
    <name>taskmill::AuditModel</name>
    <message numerus="yes">
        <location filename="../../app/models/AuditModel.cpp" line="110"/>
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln задача</numerusform>
            <numerusform>%Ln задачи</numerusform>
            <numerusform>%Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/models/AuditModel.cpp" line="149"/>
        <source>Time</source>
        <comment>column</comment>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../app/models/AuditModel.cpp" line="150"/>
        <source>Actor</source>
        <comment>column: who acted</comment>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../app/models/AuditModel.cpp" line="151"/>
        <source>Action</source>
        <comment>column</comment>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../app/models/AuditModel.cpp" line="152"/>
        <source>Tasks</source>
        <comment>column</comment>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../app/models/AuditModel.cpp" line="153"/>
        <source>Details</source>
        <comment>column</comment>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>taskmill::BackendClient</name>
    <message>
        <location filename="../../app/client/BackendClientCall.h" line="19"/>
        <source>Unexpected response from the backend: %1</source>
        <translation>Неожиданный ответ сервера: %1</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="72"/>
        <source>No certificate could be read from %1.</source>
        <translation>Не удалось прочитать сертификат из %1.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="133"/>
        <source>the health answer has no status</source>
        <translation>в ответе проверки состояния нет поля status</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="307"/>
        <source>The request to %1 was cancelled.</source>
        <translation>Запрос к %1 отменён.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="310"/>
        <source>Cannot connect to %1: connection refused.</source>
        <translation>Не удаётся подключиться к %1: соединение отклонено.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="313"/>
        <location filename="../../app/client/BackendClientTls.cpp" line="93"/>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 не ответил за %2 с.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="315"/>
        <location filename="../../app/client/BackendClientTls.cpp" line="87"/>
        <location filename="../../app/client/BackendClientTls.cpp" line="90"/>
        <source>Cannot reach %1: %2</source>
        <translation>%1 недоступен: %2</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="328"/>
        <source>The backend sent malformed JSON (HTTP %1, offset %2: %3).</source>
        <translation>Сервер прислал некорректный JSON (HTTP %1, позиция %2: %3).</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="333"/>
        <source>The backend sent JSON that is not an object (HTTP %1).</source>
        <translation>Сервер прислал JSON, который не является объектом (HTTP %1).</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="362"/>
        <source>The backend speaks protocol %1; this app needs protocol %2.</source>
        <translation>Сервер использует протокол версии %1, а приложению нужна версия %2.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="526"/>
        <source>Authentication failed: check the user name and password or token.</source>
        <translation>Ошибка аутентификации: проверьте имя пользователя и пароль или токен.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClient.cpp" line="527"/>
        <source>Authentication failed: %1</source>
        <translation>Ошибка аутентификации: %1</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClientSession.cpp" line="64"/>
        <source>no password is stored for %1</source>
        <translation>для %1 не сохранён пароль</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClientSession.cpp" line="119"/>
        <source>the login answer has no access_token</source>
        <translation>в ответе на вход нет access_token</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClientSession.cpp" line="197"/>
        <source>the registration answer has no access_token</source>
        <translation>в ответе на регистрацию нет access_token</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClientTls.cpp" line="69"/>
        <source>%1 is not an https:// URL: there is no certificate to pin.</source>
        <translation>%1 — не адрес https://: нет сертификата, ключ которого можно закрепить.</translation>
    </message>
    <message>
        <location filename="../../app/client/BackendClientAdmin.cpp" line="102"/>
        <source>a deleted invite answers 204, not HTTP %1</source>
        <translation>на удаление приглашения сервер должен ответить 204, а не HTTP %1</translation>
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
    <name>taskmill::BulkProgressDialog</name>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="41"/>
        <source>&amp;Stop</source>
        <translation>&amp;Остановить</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="43"/>
        <source>Stop the operation on the server; tasks already changed stay changed</source>
        <translation>Остановить операцию на сервере; уже изменённые задачи останутся изменёнными</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="44"/>
        <source>&amp;Hide</source>
        <translation>С&amp;крыть</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="45"/>
        <source>The operation goes on; choose the action again to see its progress</source>
        <translation>Операция продолжится; выберите действие ещё раз, чтобы увидеть её ход</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="58"/>
        <source>Cancelling Tasks</source>
        <translation>Отмена задач</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="58"/>
        <source>Retrying Tasks</source>
        <translation>Повтор задач</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="59"/>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="70"/>
        <source>Cancelled %1 of %2 tasks.</source>
        <translation>Отменено задач: %1 из %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="71"/>
        <source>Retried %1 of %2 tasks.</source>
        <translation>Повторено задач: %1 из %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkProgressDialog.cpp" line="77"/>
        <source>%Ln task(s) could not be changed.</source>
        <translation>
            <numerusform>%Ln задачу не удалось изменить.</numerusform>
            <numerusform>%Ln задачи не удалось изменить.</numerusform>
            <numerusform>%Ln задач не удалось изменить.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="79"/>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="80"/>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="81"/>
        <source>Interrupted: %1</source>
        <translation>Прервано: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkProgressDialog.cpp" line="82"/>
        <source>Failed: %1</source>
        <translation>Сбой: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::BulkTaskActions</name>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="38"/>
        <source>Cancel &amp;All Matching…</source>
        <translation>Отменить &amp;все подходящие…</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="41"/>
        <source>Retry All &amp;Matching…</source>
        <translation>Повто&amp;рить все подходящие…</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="59"/>
        <source>No matching tasks are left to change.</source>
        <translation>Подходящих задач для изменения не осталось.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="68"/>
        <source>Nothing was changed.</source>
        <translation>Ничего не изменено.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="75"/>
        <source>The progress of the operation cannot be followed any more; it may go on on the server.</source>
        <translation>Ход операции больше нельзя отслеживать; на сервере она может продолжаться.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="94"/>
        <source>Cancel All Matching Tasks</source>
        <comment>dialog title</comment>
        <translation>Отмена всех подходящих задач</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="94"/>
        <source>Retry All Matching Tasks</source>
        <comment>dialog title</comment>
        <translation>Повтор всех подходящих задач</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="124"/>
        <source>The matching tasks could not be counted.</source>
        <translation>Не удалось подсчитать подходящие задачи.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="128"/>
        <source>No task matching the filter can be cancelled.</source>
        <translation>Ни одну задачу, подходящую под фильтр, нельзя отменить.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="129"/>
        <source>No task matching the filter can be retried.</source>
        <translation>Ни одну задачу, подходящую под фильтр, нельзя повторить.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="142"/>
        <source>The number of matching tasks changed since you were asked.</source>
        <translation>Число подходящих задач изменилось после вашего подтверждения.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="143"/>
        <source>Cancel all %Ln unfinished task(s) matching the filter?</source>
        <translation>
            <numerusform>Отменить %Ln незавершённую задачу, подходящую под фильтр?</numerusform>
            <numerusform>Отменить все %Ln незавершённые задачи, подходящие под фильтр?</numerusform>
            <numerusform>Отменить все %Ln незавершённых задач, подходящих под фильтр?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="144"/>
        <source>Retry all %Ln failed, cancelled or waiting task(s) matching the filter?</source>
        <translation>
            <numerusform>Повторить %Ln неудавшуюся, отменённую или ожидающую задачу, подходящую под фильтр?</numerusform>
            <numerusform>Повторить все %Ln неудавшиеся, отменённые или ожидающие задачи, подходящие под фильтр?</numerusform>
            <numerusform>Повторить все %Ln неудавшихся, отменённых или ожидающих задач, подходящих под фильтр?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="146"/>
        <source>Running tasks stop at their next cancellation check. Stopping the operation keeps the tasks cancelled so far.</source>
        <translation>Выполняющиеся задачи остановятся при следующей проверке отмены. Если остановить операцию, уже отменённые задачи останутся отменёнными.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="148"/>
        <source>They run again now. Stopping the operation keeps the tasks retried so far.</source>
        <translation>Они будут запущены снова сейчас. Если остановить операцию, уже повторённые задачи останутся повторёнными.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="154"/>
        <source>Cancel %Ln Tasks</source>
        <translation>
            <numerusform>Отменить %Ln задачу</numerusform>
            <numerusform>Отменить %Ln задачи</numerusform>
            <numerusform>Отменить %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="154"/>
        <source>Retry %Ln Tasks</source>
        <translation>
            <numerusform>Повторить %Ln задачу</numerusform>
            <numerusform>Повторить %Ln задачи</numerusform>
            <numerusform>Повторить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="156"/>
        <source>Keep Running</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="156"/>
        <source>Do Not Retry</source>
        <translation>Не повторять</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="189"/>
        <source>Cancelled %Ln task(s).</source>
        <translation>
            <numerusform>Отменена %Ln задача.</numerusform>
            <numerusform>Отменены %Ln задачи.</numerusform>
            <numerusform>Отменено %Ln задач.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="189"/>
        <source>Retrying %Ln task(s) now.</source>
        <translation>
            <numerusform>Повторяется %Ln задача.</numerusform>
            <numerusform>Повторяются %Ln задачи.</numerusform>
            <numerusform>Повторяются %Ln задач.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="191"/>
        <source>Cancelled %1 of %2 matching tasks.</source>
        <translation>Отменено подходящих задач: %1 из %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="192"/>
        <source>Retried %1 of %2 matching tasks.</source>
        <translation>Повторено подходящих задач: %1 из %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="195"/>
        <source>Stopped. %1</source>
        <translation>Остановлено. %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="196"/>
        <source>The operation was interrupted: %1</source>
        <translation>Операция прервана: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="197"/>
        <source>The operation failed: %1</source>
        <translation>Операция завершилась сбоем: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="209"/>
        <source>%Ln task(s) could not be changed:</source>
        <translation>
            <numerusform>%Ln задачу не удалось изменить:</numerusform>
            <numerusform>%Ln задачи не удалось изменить:</numerusform>
            <numerusform>%Ln задач не удалось изменить:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="211"/>
        <source>Task %1: %2 (%3)</source>
        <translation>Задача %1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="213"/>
        <source>… and %Ln more.</source>
        <translation>
            <numerusform>… и ещё %Ln.</numerusform>
            <numerusform>… и ещё %Ln.</numerusform>
            <numerusform>… и ещё %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="226"/>
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="232"/>
        <source>Priority: %1</source>
        <translation>Приоритет: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="234"/>
        <source>Type: %1</source>
        <translation>Тип: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="236"/>
        <source>Search: %1</source>
        <translation>Поиск: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/BulkTaskActions.cpp" line="238"/>
        <source>Only %Ln chosen task(s)</source>
        <translation>
            <numerusform>Только %Ln выбранная задача</numerusform>
            <numerusform>Только %Ln выбранные задачи</numerusform>
            <numerusform>Только %Ln выбранных задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="240"/>
        <source>Created at or after %1</source>
        <translation>Созданы не раньше %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="242"/>
        <source>Created before %1</source>
        <translation>Созданы до %1</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="244"/>
        <source>No filter is set: this is every task.</source>
        <translation>Фильтр не задан: это все задачи.</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="245"/>
        <source>Filter:</source>
        <translation>Фильтр:</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="278"/>
        <source>Cancel every unfinished task the filter matches, on all pages</source>
        <translation>Отменить все незавершённые задачи, подходящие под фильтр, на всех страницах</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="279"/>
        <location filename="../../app/views/BulkTaskActions.cpp" line="281"/>
        <source>Available on the Tasks page</source>
        <translation>Доступно на странице «Задачи»</translation>
    </message>
    <message>
        <location filename="../../app/views/BulkTaskActions.cpp" line="280"/>
        <source>Retry every failed, cancelled or waiting task the filter matches, on all pages</source>
        <translation>Повторить все неудавшиеся, отменённые или ожидающие задачи, подходящие под фильтр, на всех страницах</translation>
    </message>
</context>
<context>
    <name>taskmill::CallerAccess</name>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="47"/>
        <source>Your role (%1) does not allow this.</source>
        <translation>Ваша роль (%1) этого не позволяет.</translation>
    </message>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="53"/>
        <source>user</source>
        <comment>account role</comment>
        <translation>пользователь</translation>
    </message>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="55"/>
        <source>viewer</source>
        <comment>account role</comment>
        <translation>наблюдатель</translation>
    </message>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="57"/>
        <source>operator</source>
        <comment>account role</comment>
        <translation>оператор</translation>
    </message>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="59"/>
        <source>admin</source>
        <comment>account role</comment>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../../app/models/CallerAccess.cpp" line="69"/>
        <location filename="../../app/views/AuditLogPage.cpp" line="284"/>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
</context>
<context>
    <name>taskmill::ConnectionDialog</name>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="28"/>
        <source>Connections</source>
        <translation>Подключения</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="31"/>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="32"/>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="35"/>
        <source>&amp;Connect</source>
        <translation>&amp;Подключиться</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="130"/>
        <location filename="../../app/views/ConnectionDialog.cpp" line="230"/>
        <source>kept for this session; type to replace</source>
        <translation>хранится до конца сеанса; введите новый, чтобы заменить</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="130"/>
        <source>stored in the keychain; type to replace</source>
        <translation>сохранён в хранилище паролей; введите новый, чтобы заменить</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="132"/>
        <location filename="../../app/views/ConnectionDialog.cpp" line="152"/>
        <source>not stored</source>
        <translation>не сохранён</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="147"/>
        <source>New connection</source>
        <translation>Новое подключение</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionDialog.cpp" line="149"/>
        <source>New connection %1</source>
        <translation>Новое подключение %1</translation>
    </message>
</context>
<context>
    <name>taskmill::ConnectionSession</name>
    <message>
        <source>%1 Use File → Connect to… to enter the credentials, then Retry now.</source>
        <translation type="vanished">%1 Введите учётные данные через «Файл → Подключиться…», затем нажмите «Повторить сейчас».</translation>
    </message>
</context>
<context>
    <name>taskmill::ConnectionStatusWidget</name>
    <message>
        <source>Retry now</source>
        <translation type="vanished">Повторить сейчас</translation>
    </message>
    <message>
        <source>user</source>
        <comment>account role</comment>
        <translation type="vanished">пользователь</translation>
    </message>
    <message>
        <source>viewer</source>
        <comment>account role</comment>
        <translation type="vanished">наблюдатель</translation>
    </message>
    <message>
        <source>operator</source>
        <comment>account role</comment>
        <translation type="vanished">оператор</translation>
    </message>
    <message>
        <source>admin</source>
        <comment>account role</comment>
        <translation type="vanished">администратор</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="101"/>
        <source>local access (%1)</source>
        <comment>status bar: the owner&apos;s own backend, role</comment>
        <translation>локальный доступ (%1)</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="102"/>
        <source>%1 (%2)</source>
        <comment>status bar: account or token name, role</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="103"/>
        <source>Who the server takes this connection for, and its role</source>
        <translation>Кем сервер считает это подключение и какая у него роль</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="120"/>
        <source>Connected to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="124"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="128"/>
        <source>Disconnected from %1</source>
        <translation>Нет связи с %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="132"/>
        <source>Authentication failed at %1</source>
        <translation>Ошибка аутентификации на %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="138"/>
        <source>Backend %1</source>
        <translation>Сервер %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="140"/>
        <source>%1 ms</source>
        <comment>latency</comment>
        <translation>%1 мс</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/ConnectionStatusWidget.cpp" line="155"/>
        <source>reconnecting in %Ln s</source>
        <translation>
            <numerusform>повторное подключение через %Ln с</numerusform>
            <numerusform>повторное подключение через %Ln с</numerusform>
            <numerusform>повторное подключение через %Ln с</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::CreateTaskDialog</name>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="43"/>
        <source>New Task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="53"/>
        <source>Short description shown in the task list</source>
        <translation>Краткое описание для списка задач</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="70"/>
        <source>Later, at</source>
        <comment>run the task later, at [time]</comment>
        <translation>Позже, в</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="87"/>
        <source>Custom retry policy</source>
        <translation>Своя политика повторов</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="93"/>
        <source>Exponential</source>
        <comment>retry strategy</comment>
        <translation>Экспоненциальная</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="94"/>
        <source>Linear</source>
        <comment>retry strategy</comment>
        <translation>Линейная</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="95"/>
        <source>Constant</source>
        <comment>retry strategy</comment>
        <translation>Постоянная</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="101"/>
        <source> ms</source>
        <comment>milliseconds suffix</comment>
        <translation> мс</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="109"/>
        <source>&amp;Strategy:</source>
        <translation>&amp;Стратегия:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="110"/>
        <source>&amp;First delay:</source>
        <translation>Пер&amp;вая задержка:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="111"/>
        <source>&amp;Longest delay:</source>
        <translation>&amp;Макс. задержка:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="114"/>
        <source>&amp;Type:</source>
        <translation>&amp;Тип:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="115"/>
        <source>T&amp;itle:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="116"/>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="117"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Приоритет:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="118"/>
        <source>P&amp;ayload:</source>
        <translation>&amp;Данные:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="120"/>
        <source>&amp;Run:</source>
        <translation>Зап&amp;уск:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="122"/>
        <source>&amp;Attempts:</source>
        <translation>Попыт&amp;ки:</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="130"/>
        <source>Create</source>
        <comment>task</comment>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="218"/>
        <source>Discard this task? What you typed is lost.</source>
        <translation>Отказаться от задачи? Введённое будет потеряно.</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="222"/>
        <source>Discard</source>
        <translation>Отказаться</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="223"/>
        <source>Keep Editing</source>
        <translation>Продолжить ввод</translation>
    </message>
    <message>
        <location filename="../../app/views/CreateTaskDialog.cpp" line="399"/>
        <source>The task was not created: %1</source>
        <translation>Задача не создана: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::CreateTaskForm</name>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="21"/>
        <source>Not valid JSON: %1 (at character %2).</source>
        <translation>Некорректный JSON: %1 (символ %2).</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="35"/>
        <source>Choose when the task should run.</source>
        <translation>Укажите, когда запустить задачу.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="43"/>
        <source>%1 contains a character that cannot be stored: NUL (\u0000) or an unpaired surrogate such as \ud800. Remove it.</source>
        <translation>%1 содержит символ, который нельзя сохранить: NUL (\u0000) или непарный суррогат, например \ud800. Удалите его.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="54"/>
        <source>Use 1 to %1 characters: letters A-Z, digits, _ . : -</source>
        <translation>От 1 до %1 символов: латинские буквы, цифры, _ . : -</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="56"/>
        <source>The title may have at most %1 characters (it has %2).</source>
        <translation>Заголовок может содержать не более %1 символов (сейчас %2).</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="60"/>
        <source>The description may have at most %1 characters.</source>
        <translation>Описание может содержать не более %1 символов.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="62"/>
        <source>The payload must be a JSON object, e.g. {&quot;ms&quot;: 250}.</source>
        <translation>Данные должны быть JSON-объектом, например {&quot;ms&quot;: 250}.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="64"/>
        <source>Use 1 to %1 attempts.</source>
        <translation>От 1 до %1 попыток.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="66"/>
        <source>The longest delay must be at least the first delay, and at most 7 days.</source>
        <translation>Максимальная задержка должна быть не меньше первой и не больше 7 дней.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="68"/>
        <source>The first delay must be from 0 to 7 days.</source>
        <translation>Первая задержка должна быть от 0 до 7 дней.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="70"/>
        <source>Choose constant, linear or exponential.</source>
        <translation>Выберите постоянную, линейную или экспоненциальную стратегию.</translation>
    </message>
    <message>
        <location filename="../../app/models/CreateTaskForm.cpp" line="72"/>
        <source>Jitter is a fraction from 0 to 1.</source>
        <translation>Разброс (jitter) задаётся долей от 0 до 1.</translation>
    </message>
</context>
<context>
    <name>taskmill::DashboardController</name>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="44"/>
        <source>Monitor</source>
        <comment>page</comment>
        <translation>Мониторинг</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="55"/>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="67"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="73"/>
        <source>&amp;Quit Taskmill</source>
        <translation>&amp;Выйти из Taskmill</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="82"/>
        <source>&amp;Monitor</source>
        <translation>&amp;Мониторинг</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardController.cpp" line="83"/>
        <source>&amp;Dashboard</source>
        <translation>&amp;Панель мониторинга</translation>
    </message>
</context>
<context>
    <name>taskmill::DashboardPage</name>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="119"/>
        <source>Tasks by status and priority</source>
        <translation>Задачи по статусам и приоритетам</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="134"/>
        <source>Queue depth</source>
        <translation>Глубина очереди</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="139"/>
        <source>Workers alive</source>
        <translation>Активные исполнители</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="140"/>
        <source>Pending entries per consumer</source>
        <translation>Неподтверждённые записи по потребителям</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="135"/>
        <source>Throughput</source>
        <translation>Пропускная способность</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="162"/>
        <source>Updated %1</source>
        <translation>Обновлено %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="163"/>
        <source>Updated %1 — Redis is not answering: queue depths unknown</source>
        <translation>Обновлено %1 — Redis не отвечает: глубина очередей неизвестна</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="234"/>
        <source>%1: %2 pending</source>
        <translation>%1: без подтверждения — %2</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="235"/>
        <source>%1: %2 pending, no heartbeat</source>
        <translation>%1: без подтверждения — %2, нет сигнала активности</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="236"/>
        <source>No entries pending.</source>
        <translation>Неподтверждённых записей нет.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DashboardPage.cpp" line="238"/>
        <source>%Ln entry(s) idle longer than the visibility timeout (%1).</source>
        <translation>
            <numerusform>%Ln запись простаивает дольше тайм-аута видимости (%1).</numerusform>
            <numerusform>%Ln записи простаивают дольше тайм-аута видимости (%1).</numerusform>
            <numerusform>%Ln записей простаивают дольше тайм-аута видимости (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DashboardPage.cpp" line="241"/>
        <source>Showing the %Ln longest idle.</source>
        <translation>
            <numerusform>Показана %Ln запись с самым долгим простоем.</numerusform>
            <numerusform>Показаны %Ln записи с самым долгим простоем.</numerusform>
            <numerusform>Показаны %Ln записей с самым долгим простоем.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardPage.cpp" line="247"/>
        <source>Refreshing the dashboard failed: %1</source>
        <translation>Не удалось обновить панель мониторинга: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::DashboardThroughputChart</name>
    <message>
        <location filename="../../app/views/DashboardThroughputChart.cpp" line="21"/>
        <source>Finished tasks per %1 s, last %2 minutes</source>
        <translation>Завершённые задачи за каждые %1 с, последние %2 мин</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardThroughputChart.cpp" line="25"/>
        <source>Completed</source>
        <comment>chart series</comment>
        <translation>Выполнено</translation>
    </message>
    <message>
        <location filename="../../app/views/DashboardThroughputChart.cpp" line="28"/>
        <source>Failed</source>
        <comment>chart series</comment>
        <translation>Сбой</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterActions</name>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="32"/>
        <source>&amp;Requeue</source>
        <translation>Вернуть в &amp;очередь</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="34"/>
        <source>Run the selected tasks again (or, with no task selected, the whole selected group)</source>
        <translation>Снова запустить выбранные задачи (а если ни одна не выбрана — всю выбранную группу)</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="37"/>
        <source>&amp;Purge…</source>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="39"/>
        <source>Delete the selected tasks (or, with no task selected, the whole selected group) for good</source>
        <translation>Безвозвратно удалить выбранные задачи (а если ни одна не выбрана — всю выбранную группу)</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="42"/>
        <source>Purge &amp;All…</source>
        <translation>Удалить вс&amp;е…</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="46"/>
        <source>Re&amp;load</source>
        <comment>dead letters</comment>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="71"/>
        <location filename="../../app/views/DeadLetterActions.cpp" line="98"/>
        <source>Every dead letter the search matches.</source>
        <translation>Все недоставленные задачи, подходящие под поиск.</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="110"/>
        <source>Dead Letters</source>
        <comment>dialog title</comment>
        <translation>Очередь недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="111"/>
        <source>Could not count the dead letters: %1</source>
        <translation>Не удалось подсчитать недоставленные задачи: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="115"/>
        <source>No dead letters match any more.</source>
        <translation>Подходящих недоставленных задач больше нет.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="130"/>
        <source>Permanently delete all %Ln dead-lettered task(s) and their history?</source>
        <translation>
            <numerusform>Безвозвратно удалить %Ln задачу из очереди недоставленных вместе с историей?</numerusform>
            <numerusform>Безвозвратно удалить все %Ln задачи из очереди недоставленных вместе с историей?</numerusform>
            <numerusform>Безвозвратно удалить все %Ln задач из очереди недоставленных вместе с историей?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="132"/>
        <source>Permanently delete %Ln dead-lettered task(s) and their history?</source>
        <translation>
            <numerusform>Безвозвратно удалить %Ln задачу из очереди недоставленных вместе с историей?</numerusform>
            <numerusform>Безвозвратно удалить %Ln задачи из очереди недоставленных вместе с историей?</numerusform>
            <numerusform>Безвозвратно удалить %Ln задач из очереди недоставленных вместе с историей?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="134"/>
        <source>Requeue %Ln task(s)? They run again from attempt 1.</source>
        <translation>
            <numerusform>Вернуть в очередь %Ln задачу? Она будет выполняться заново, начиная с попытки 1.</numerusform>
            <numerusform>Вернуть в очередь %Ln задачи? Они будут выполняться заново, начиная с попытки 1.</numerusform>
            <numerusform>Вернуть в очередь %Ln задач? Они будут выполняться заново, начиная с попытки 1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="136"/>
        <location filename="../../app/views/DeadLetterActions.cpp" line="167"/>
        <source>Purge Dead Letters</source>
        <comment>dialog title</comment>
        <translation>Удаление недоставленных задач</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="136"/>
        <location filename="../../app/views/DeadLetterActions.cpp" line="167"/>
        <source>Requeue Dead Letters</source>
        <comment>dialog title</comment>
        <translation>Возврат недоставленных задач в очередь</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="69"/>
        <location filename="../../app/views/DeadLetterActions.cpp" line="84"/>
        <source>Group: %1</source>
        <translation>Группа: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="143"/>
        <source>This cannot be undone. The audit log records who purged them.</source>
        <translation>Это действие нельзя отменить. В журнал аудита будет записано, кто удалил задачи.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="144"/>
        <source>Purge %Ln Task(s)</source>
        <translation>
            <numerusform>Удалить %Ln задачу</numerusform>
            <numerusform>Удалить %Ln задачи</numerusform>
            <numerusform>Удалить %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="144"/>
        <source>Requeue %Ln Task(s)</source>
        <translation>
            <numerusform>Вернуть в очередь %Ln задачу</numerusform>
            <numerusform>Вернуть в очередь %Ln задачи</numerusform>
            <numerusform>Вернуть в очередь %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="168"/>
        <source>Nothing was purged: %1</source>
        <translation>Ничего не удалено: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterActions.cpp" line="168"/>
        <source>Nothing was requeued: %1</source>
        <translation>Ничего не возвращено в очередь: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="180"/>
        <source>Purged %Ln dead-lettered task(s).</source>
        <translation>
            <numerusform>Удалена %Ln задача из очереди недоставленных.</numerusform>
            <numerusform>Удалены %Ln задачи из очереди недоставленных.</numerusform>
            <numerusform>Удалено %Ln задач из очереди недоставленных.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterActions.cpp" line="181"/>
        <source>Requeued %Ln task(s).</source>
        <translation>
            <numerusform>Возвращена в очередь %Ln задача.</numerusform>
            <numerusform>Возвращены в очередь %Ln задачи.</numerusform>
            <numerusform>Возвращено в очередь %Ln задач.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterDetailsPanel</name>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="57"/>
        <source>Select a dead-lettered task to see its attempts and payload.</source>
        <translation>Выберите задачу из очереди недоставленных, чтобы увидеть её попытки и данные.</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="73"/>
        <source>Run</source>
        <comment>requeue cycle</comment>
        <translation>Запуск</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="73"/>
        <source>Attempt</source>
        <translation>Попытка</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="73"/>
        <source>Started</source>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="73"/>
        <source>Finished</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="74"/>
        <source>Worker</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="74"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="86"/>
        <source>Re&amp;set</source>
        <translation>&amp;Сбросить</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="88"/>
        <source>Discard the edits and show the payload the task failed with</source>
        <translation>Отменить правки и показать данные, с которыми задача завершилась сбоем</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="89"/>
        <source>Requeue with This &amp;Payload</source>
        <translation>Вернуть в очередь с &amp;этими данными</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="91"/>
        <source>Run the task again from attempt 1 with the payload as edited here</source>
        <translation>Запустить задачу заново, начиная с попытки 1, с данными, отредактированными здесь</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="103"/>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="104"/>
        <source>Payload</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="154"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="173"/>
        <source>This task is no longer in the dead-letter queue.</source>
        <translation>Этой задачи больше нет в очереди недоставленных.</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="174"/>
        <source>Loading the task failed: %1</source>
        <translation>Не удалось загрузить задачу: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="202"/>
        <source>%1 (%2)</source>
        <comment>title (id)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="203"/>
        <source>Type %1 · %2 priority · %3 of %4 attempts · dead-lettered %5</source>
        <translation>Тип %1 · приоритет: %2 · попыток: %3 из %4 · в очереди недоставленных с %5</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="214"/>
        <source>Withheld: your role may not see payloads, results and errors.</source>
        <translation>Скрыто: ваша роль не позволяет видеть данные задач, результаты и ошибки.</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="235"/>
        <source>(did not finish)</source>
        <translation>(не завершена)</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterDetailsPanel.cpp" line="306"/>
        <source>The task was not requeued: %1</source>
        <translation>Задача не возвращена в очередь: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterFilterBar</name>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="24"/>
        <source>Search error, title or id (Ctrl+F)</source>
        <translation>Поиск по ошибке, заголовку или id (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="25"/>
        <source>Search dead letters</source>
        <translation>Поиск недоставленных задач</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="32"/>
        <source>Task type</source>
        <translation>Тип задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="34"/>
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="38"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="39"/>
        <source>All priorities</source>
        <translation>Все приоритеты</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="40"/>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="41"/>
        <source>Medium</source>
        <translation>Средний</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="42"/>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="46"/>
        <source>Clear</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterFilterBar.cpp" line="47"/>
        <source>Show every dead letter again</source>
        <translation>Снова показать все недоставленные задачи</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterGroupModel</name>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="67"/>
        <source>(no error message)</source>
        <translation>(нет сообщения об ошибке)</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="81"/>
        <source>Error</source>
        <comment>column</comment>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="82"/>
        <source>Tasks</source>
        <comment>column</comment>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="83"/>
        <source>Types</source>
        <comment>column</comment>
        <translation>Типы</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="84"/>
        <source>First seen</source>
        <comment>column</comment>
        <translation>Первое появление</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterGroupModel.cpp" line="85"/>
        <source>Last seen</source>
        <comment>column</comment>
        <translation>Последнее появление</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterModel</name>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="77"/>
        <source>%1/%2</source>
        <comment>attempts of max attempts</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="102"/>
        <source>Id</source>
        <comment>column</comment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="103"/>
        <source>Title</source>
        <comment>column</comment>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="104"/>
        <source>Type</source>
        <comment>column</comment>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="105"/>
        <source>Attempts</source>
        <comment>column</comment>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="106"/>
        <source>Dead-lettered</source>
        <comment>column</comment>
        <translation>В очереди недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterModel.cpp" line="107"/>
        <source>Error</source>
        <comment>column</comment>
        <translation>Ошибка</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterPage</name>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="151"/>
        <source>Requeued task %1 with the edited payload.</source>
        <translation>Задача %1 возвращена в очередь с изменёнными данными.</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="170"/>
        <source>Show All</source>
        <translation>Показать все</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="171"/>
        <source>List every dead letter instead of one group</source>
        <translation>Показать все недоставленные задачи, а не одну группу</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="174"/>
        <source>Groups by error</source>
        <translation>Группы по ошибкам</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="198"/>
        <source>Copy &amp;Full ID</source>
        <translation>Копировать &amp;полный ID</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="218"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="222"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterPage.cpp" line="269"/>
        <source>Copied %Ln task id(s).</source>
        <translation>
            <numerusform>Скопирован %Ln id задачи.</numerusform>
            <numerusform>Скопировано %Ln id задач.</numerusform>
            <numerusform>Скопировано %Ln id задач.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="328"/>
        <source>Loading the dead-letter queue failed: %1</source>
        <translation>Не удалось загрузить очередь недоставленных: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="336"/>
        <source>The dead-letter queue is empty.</source>
        <translation>Очередь недоставленных пуста.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/DeadLetterPage.cpp" line="337"/>
        <source>%1 dead letter(s) in %Ln group(s)</source>
        <translation>
            <numerusform>Недоставленных задач: %1 в %Ln группе</numerusform>
            <numerusform>Недоставленных задач: %1 в %Ln группах</numerusform>
            <numerusform>Недоставленных задач: %1 в %Ln группах</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="340"/>
        <source>Tasks that failed with: %1</source>
        <translation>Задачи, завершившиеся ошибкой: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="341"/>
        <source>All dead-lettered tasks</source>
        <translation>Все задачи в очереди недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="342"/>
        <source>Dead-lettered tasks the search matches</source>
        <translation>Недоставленные задачи, подходящие под поиск</translation>
    </message>
    <message>
        <location filename="../../app/views/DeadLetterPage.cpp" line="344"/>
        <source>Page %1 · %2 task(s)</source>
        <translation>Страница %1 · задач: %2</translation>
    </message>
</context>
<context>
    <name>taskmill::DeadLetterPayload</name>
    <message>
        <location filename="../../app/models/DeadLetterPayload.cpp" line="19"/>
        <source>The payload is empty: enter a JSON object, e.g. {}.</source>
        <translation>Данные пусты: введите JSON-объект, например {}.</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterPayload.cpp" line="27"/>
        <source>Line %1, column %2: %3</source>
        <translation>Строка %1, столбец %2: %3</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterPayload.cpp" line="37"/>
        <source>Line %1, column %2: the payload must be a JSON object ({…}), not an array or a value.</source>
        <translation>Строка %1, столбец %2: данные должны быть JSON-объектом ({…}), а не массивом или значением.</translation>
    </message>
    <message>
        <location filename="../../app/models/DeadLetterPayload.cpp" line="47"/>
        <source>Line %1, column %2: %3 contains a character that cannot be stored: NUL (\u0000) or an unpaired surrogate such as \ud800.</source>
        <translation>Строка %1, столбец %2: %3 содержит символ, который нельзя сохранить: NUL (\u0000) или непарный суррогат, например \ud800.</translation>
    </message>
</context>
<context>
    <name>taskmill::EventLogModel</name>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="33"/>
        <source>on %1, attempt %2</source>
        <translation>исполнитель %1, попытка %2</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="64"/>
        <source>Created</source>
        <comment>event</comment>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="65"/>
        <source>Dispatched</source>
        <comment>event</comment>
        <translation>Поставлена в очередь</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="66"/>
        <source>Started</source>
        <comment>event</comment>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="67"/>
        <source>Attempt failed</source>
        <comment>event</comment>
        <translation>Попытка не удалась</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="68"/>
        <source>Completed</source>
        <comment>event</comment>
        <translation>Выполнена</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="69"/>
        <source>Failed</source>
        <comment>event</comment>
        <translation>Сбой</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="70"/>
        <source>Dead-lettered</source>
        <comment>event</comment>
        <translation>В очереди недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="71"/>
        <source>Cancelled</source>
        <comment>event</comment>
        <translation>Отменена</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="72"/>
        <source>Requeued</source>
        <comment>event</comment>
        <translation>Возвращена в очередь</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="73"/>
        <source>Due</source>
        <comment>event</comment>
        <translation>Подошёл срок</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="74"/>
        <source>Handed back</source>
        <comment>event</comment>
        <translation>Возвращена исполнителем</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="81"/>
        <source>Backend</source>
        <comment>event log category for connection and health notices</comment>
        <translation>Сервер</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="98"/>
        <source>%1 (%2)</source>
        <comment>task title (short id)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="132"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="133"/>
        <source>Kind</source>
        <comment>event kind</comment>
        <translation>Событие</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="134"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogModel.cpp" line="135"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
</context>
<context>
    <name>taskmill::EventLogRecorder</name>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="37"/>
        <source>Live events fell behind; the task list was reloaded</source>
        <translation>Поток событий отстал; список задач перезагружен</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="51"/>
        <source>Connection to the backend restored</source>
        <translation>Соединение с сервером восстановлено</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="53"/>
        <source>Connected to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="59"/>
        <source>Connection to the backend lost</source>
        <translation>Соединение с сервером потеряно</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="60"/>
        <source>Connection to the backend lost: %1</source>
        <translation>Соединение с сервером потеряно: %1</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="64"/>
        <source>The backend refused the credentials</source>
        <translation>Сервер отклонил учётные данные</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="81"/>
        <source>Backend healthy again</source>
        <translation>Сервер снова работает нормально</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="86"/>
        <source>PostgreSQL is down</source>
        <translation>PostgreSQL недоступен</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="88"/>
        <source>Redis is down</source>
        <translation>Redis недоступен</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="89"/>
        <source>Backend degraded</source>
        <translation>Сервер работает с ограничениями</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="90"/>
        <source>Backend degraded: %1</source>
        <translation>Сервер работает с ограничениями: %1</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="95"/>
        <source>Local backend failed: %1</source>
        <translation>Сбой локального сервера: %1</translation>
    </message>
    <message>
        <location filename="../../app/models/EventLogRecorder.cpp" line="178"/>
        <source>Events between %1 and %2 were missed while offline</source>
        <translation>События с %1 до %2 пропущены, пока не было подключения</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/models/EventLogRecorder.cpp" line="183"/>
        <source>Caught up on %Ln event(s) from while the connection was down</source>
        <translation>
            <numerusform>Получено %Ln событие, пропущенное без подключения</numerusform>
            <numerusform>Получены %Ln события, пропущенные без подключения</numerusform>
            <numerusform>Получено %Ln событий, пропущенных без подключения</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::EventsPanel</name>
    <message>
        <location filename="../../app/views/EventsPanel.cpp" line="39"/>
        <source>All events</source>
        <translation>Все события</translation>
    </message>
    <message>
        <location filename="../../app/views/EventsPanel.cpp" line="40"/>
        <source>Problems</source>
        <comment>failures and warnings</comment>
        <translation>Проблемы</translation>
    </message>
    <message>
        <location filename="../../app/views/EventsPanel.cpp" line="50"/>
        <source>Filter by task, id or message</source>
        <translation>Фильтр по задаче, ID или сообщению</translation>
    </message>
    <message>
        <location filename="../../app/views/EventsPanel.cpp" line="52"/>
        <source>Clear</source>
        <comment>clear the events log</comment>
        <translation>Очистить</translation>
    </message>
</context>
<context>
    <name>taskmill::ExportActions</name>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="30"/>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="33"/>
        <source>Write every task the filter matches to a CSV or JSON Lines file</source>
        <translation>Записать все задачи, подходящие под фильтр, в файл CSV или JSON Lines</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="34"/>
        <source>Write every dead letter the page lists to a CSV or JSON Lines file</source>
        <translation>Записать все недоставленные задачи со страницы в файл CSV или JSON Lines</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="40"/>
        <source>Export Tasks</source>
        <translation>Экспорт задач</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="40"/>
        <source>Export Dead Letters</source>
        <translation>Экспорт недоставленных задач</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="48"/>
        <source>CSV (*.csv);;JSON Lines (*.jsonl)</source>
        <translation>CSV (*.csv);;JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="60"/>
        <source>Exporting tasks…</source>
        <translation>Экспорт задач…</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="60"/>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <location filename="../../app/views/ExportActions.cpp" line="73"/>
        <source>Exported %1 of %2 tasks…</source>
        <translation>Экспортировано задач: %1 из %2…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/ExportActions.cpp" line="84"/>
        <source>Exported %Ln task(s) to %1.</source>
        <translation>
            <numerusform>Экспортирована %Ln задача в %1.</numerusform>
            <numerusform>Экспортировано %Ln задачи в %1.</numerusform>
            <numerusform>Экспортировано %Ln задач в %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::FilterBar</name>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="80"/>
        <source>Task type</source>
        <translation>Тип задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="81"/>
        <location filename="../../app/views/FilterBar.cpp" line="215"/>
        <source>All types</source>
        <translation>Все типы</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="88"/>
        <source>Created</source>
        <translation>Время создания</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="89"/>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="90"/>
        <source>Last 15 minutes</source>
        <translation>За последние 15 минут</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="91"/>
        <source>Last hour</source>
        <translation>За последний час</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="92"/>
        <source>Last 24 hours</source>
        <translation>За последние 24 часа</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="93"/>
        <source>Last 7 days</source>
        <translation>За последние 7 дней</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="94"/>
        <source>Custom…</source>
        <comment>time range</comment>
        <translation>Другой период…</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="100"/>
        <source>Created at or after</source>
        <translation>Создана не раньше</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="104"/>
        <source>Created before</source>
        <translation>Создана до</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="114"/>
        <source>Search title, description or payload (Ctrl+F)</source>
        <translation>Поиск по заголовку, описанию или данным (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="122"/>
        <source>&amp;Search Tasks</source>
        <translation>По&amp;иск задач</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="142"/>
        <source>Priority:</source>
        <translation>Приоритет:</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="144"/>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="183"/>
        <source>%1 (%2)</source>
        <comment>toggle: name (count)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="184"/>
        <source>%1 (≈%2)</source>
        <comment>toggle: name (estimated count)</comment>
        <translation>%1 (≈%2)</translation>
    </message>
    <message>
        <location filename="../../app/views/FilterBar.cpp" line="191"/>
        <source>Counts are estimates: counting exactly would take too long for this many tasks.</source>
        <translation>Количество приблизительное: точный подсчёт при таком числе задач занял бы слишком много времени.</translation>
    </message>
    <message>
        <source>Search title or description</source>
        <translation type="vanished">Поиск по заголовку или описанию</translation>
    </message>
</context>
<context>
    <name>taskmill::HandlerActions</name>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="29"/>
        <source>&amp;New…</source>
        <comment>handler</comment>
        <translation>&amp;Создать…</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="30"/>
        <source>Register a new task type with its payload schema</source>
        <translation>Зарегистрировать новый тип задач со схемой данных</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="32"/>
        <source>&amp;Edit…</source>
        <comment>handler</comment>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="35"/>
        <location filename="../../app/views/HandlerActions.cpp" line="216"/>
        <source>Disa&amp;ble</source>
        <comment>handler</comment>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="37"/>
        <source>&amp;Delete…</source>
        <comment>handler</comment>
        <translation>&amp;Удалить…</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="39"/>
        <source>Re&amp;load</source>
        <comment>handlers</comment>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="80"/>
        <source>Registered handler %1.</source>
        <translation>Обработчик %1 зарегистрирован.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="81"/>
        <source>Saved handler %1.</source>
        <translation>Обработчик %1 сохранён.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="101"/>
        <source>Enabled handler %1.</source>
        <translation>Обработчик %1 включён.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="102"/>
        <source>Disabled handler %1.</source>
        <translation>Обработчик %1 отключён.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="105"/>
        <source>%1 was changed meanwhile and has been reloaded; try again.</source>
        <translation>Обработчик %1 тем временем изменили, данные обновлены; повторите действие.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="107"/>
        <source>Handlers</source>
        <comment>dialog title</comment>
        <translation>Обработчики</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="108"/>
        <source>The handler %1 was not changed: %2</source>
        <translation>Обработчик %1 не изменён: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="125"/>
        <location filename="../../app/views/HandlerActions.cpp" line="140"/>
        <location filename="../../app/views/HandlerActions.cpp" line="183"/>
        <location filename="../../app/views/HandlerActions.cpp" line="185"/>
        <source>Delete Handler</source>
        <comment>dialog title</comment>
        <translation>Удаление обработчика</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="126"/>
        <source>Could not read the handler: %1</source>
        <translation>Не удалось прочитать обработчик: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="145"/>
        <source>Delete the handler %1? Tasks of this type cannot be created until it is registered again.</source>
        <translation>Удалить обработчик %1? Задачи этого типа нельзя будет создавать, пока он не будет зарегистрирован снова.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="147"/>
        <source>Delete</source>
        <comment>handler</comment>
        <translation>Удалить</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/HandlerActions.cpp" line="150"/>
        <source>%1 has %Ln unfinished task(s) (queued or running). Deleting the handler cancels them; the audit log records who did it.</source>
        <translation>
            <numerusform>У обработчика %1 есть %Ln незавершённая задача (в очереди или выполняется). Удаление обработчика отменит её; журнал аудита запишет, кто это сделал.</numerusform>
            <numerusform>У обработчика %1 есть %Ln незавершённые задачи (в очереди или выполняются). Удаление обработчика отменит их; журнал аудита запишет, кто это сделал.</numerusform>
            <numerusform>У обработчика %1 есть %Ln незавершённых задач (в очереди или выполняются). Удаление обработчика отменит их; журнал аудита запишет, кто это сделал.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/HandlerActions.cpp" line="153"/>
        <source>Delete and Cancel %Ln Task(s)</source>
        <translation>
            <numerusform>Удалить и отменить %Ln задачу</numerusform>
            <numerusform>Удалить и отменить %Ln задачи</numerusform>
            <numerusform>Удалить и отменить %Ln задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="176"/>
        <source>Deleted handler %1.</source>
        <translation>Обработчик %1 удалён.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/HandlerActions.cpp" line="177"/>
        <source>Deleted handler %1 and cancelled %Ln task(s).</source>
        <translation>
            <numerusform>Обработчик %1 удалён, отменена %Ln задача.</numerusform>
            <numerusform>Обработчик %1 удалён, отменены %Ln задачи.</numerusform>
            <numerusform>Обработчик %1 удалён, отменено %Ln задач.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="186"/>
        <source>The handler %1 was not deleted: %2</source>
        <translation>Обработчик %1 не удалён: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="216"/>
        <source>Ena&amp;ble</source>
        <comment>handler</comment>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="218"/>
        <source>Stop running tasks of this type; they wait until it is enabled again</source>
        <translation>Не запускать задачи этого типа: они ждут, пока обработчик снова не включат</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="219"/>
        <source>Run tasks of this type again</source>
        <translation>Снова запускать задачи этого типа</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="221"/>
        <source>Built-in handlers are part of taskmilld and cannot be deleted; disable it instead.</source>
        <translation>Встроенные обработчики — часть taskmilld, их нельзя удалить; вместо этого отключите обработчик.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerActions.cpp" line="222"/>
        <source>Delete the selected handler</source>
        <translation>Удалить выбранный обработчик</translation>
    </message>
</context>
<context>
    <name>taskmill::HandlerDialog</name>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="51"/>
        <source>New Handler</source>
        <translation>Новый обработчик</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="55"/>
        <source>The task type, e.g. resize_image</source>
        <translation>Тип задач, например resize_image</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="67"/>
        <source> ms</source>
        <comment>milliseconds suffix</comment>
        <translation> мс</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="68"/>
        <source>No limit</source>
        <comment>timeout</comment>
        <translation>Без ограничения</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="70"/>
        <source>Unlimited</source>
        <comment>concurrency</comment>
        <translation>Без ограничения</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="71"/>
        <source>The most tasks of this type running at once, across all executors</source>
        <translation>Сколько задач этого типа может выполняться одновременно на всех исполнителях</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="72"/>
        <source>Run its tasks (when off, they wait)</source>
        <translation>Выполнять его задачи (когда выключено, они ждут)</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="80"/>
        <source>The schema of a built-in handler is part of taskmilld and cannot be changed.</source>
        <translation>Схема встроенного обработчика — часть taskmilld, её нельзя изменить.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="87"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="88"/>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="89"/>
        <source>Default &amp;priority:</source>
        <translation>&amp;Приоритет по умолчанию:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="90"/>
        <source>&amp;Attempts:</source>
        <translation>Попыт&amp;ки:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="91"/>
        <source>&amp;Timeout:</source>
        <translation>&amp;Тайм-аут:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="92"/>
        <source>&amp;Concurrency:</source>
        <translation>Па&amp;раллельно:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="94"/>
        <source>Payload &amp;schema:</source>
        <translation>&amp;Схема данных:</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="100"/>
        <source>Create</source>
        <comment>handler</comment>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="125"/>
        <source>Edit Handler %1</source>
        <translation>Изменение обработчика %1</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="126"/>
        <source>Save</source>
        <comment>handler</comment>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="237"/>
        <source>The handler was not saved: %1</source>
        <translation>Обработчик не сохранён: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="244"/>
        <source>Handler Changed</source>
        <comment>dialog title</comment>
        <translation>Обработчик изменён</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="245"/>
        <source>Someone changed %1 after you opened it, so your changes were not saved.

Reload it to see the current values (your changes here are lost), or keep editing and save again after a reload.</source>
        <translation>Кто-то изменил %1 после того, как вы его открыли, поэтому ваши изменения не сохранены.

Загрузите его заново, чтобы увидеть текущие значения (ваши изменения здесь будут потеряны), или продолжите редактирование и сохраните снова после перезагрузки.</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="254"/>
        <source>Reload</source>
        <comment>handler</comment>
        <translation>Загрузить заново</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlerDialog.cpp" line="256"/>
        <source>Keep Editing</source>
        <translation>Продолжить редактирование</translation>
    </message>
</context>
<context>
    <name>taskmill::HandlerForm</name>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="24"/>
        <source>Not valid JSON at line %1, column %2: %3.</source>
        <translation>Некорректный JSON в строке %1, столбце %2: %3.</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="27"/>
        <source>A schema is a JSON object, e.g. {&quot;type&quot;: &quot;object&quot;}.</source>
        <translation>Схема — это объект JSON, например {&quot;type&quot;: &quot;object&quot;}.</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="30"/>
        <source>The schema may have at most %1 kB.</source>
        <translation>Размер схемы — не больше %1 КБ.</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="33"/>
        <source>Not a valid JSON Schema (draft-07): %1</source>
        <translation>Это не корректная JSON Schema (draft-07): %1</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="43"/>
        <source>Use 1 to 64 characters: a-z, digits, _ . - starting with a letter or digit.</source>
        <translation>Используйте от 1 до 64 символов: a-z, цифры, _ . -, первым — буква или цифра.</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerForm.cpp" line="49"/>
        <source>The description may have at most %1 characters (it has %2).</source>
        <translation>Описание — не больше %1 символов (сейчас %2).</translation>
    </message>
</context>
<context>
    <name>taskmill::HandlerModel</name>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="117"/>
        <source>Paused by %1 at %2</source>
        <translation>На паузе с %2, автор: %1</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="141"/>
        <source>Paused</source>
        <comment>handler state</comment>
        <translation>На паузе</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="141"/>
        <source>Disabled, paused</source>
        <comment>handler state</comment>
        <translation>Отключён, на паузе</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="142"/>
        <source>Enabled</source>
        <comment>handler state</comment>
        <translation>Включён</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="142"/>
        <source>Disabled</source>
        <comment>handler state</comment>
        <translation>Отключён</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="175"/>
        <source>Name</source>
        <comment>column</comment>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="176"/>
        <source>Kind</source>
        <comment>column</comment>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="177"/>
        <source>State</source>
        <comment>column</comment>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="178"/>
        <source>Queued</source>
        <comment>column</comment>
        <translation>В очереди</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="179"/>
        <source>Running</source>
        <comment>column</comment>
        <translation>Выполняются</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="180"/>
        <source>Failed</source>
        <comment>column</comment>
        <translation>С ошибкой</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="181"/>
        <source>Workers</source>
        <comment>column: processes serving the handler</comment>
        <translation>Исполнители</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="182"/>
        <source>Limit</source>
        <comment>column: most tasks running at once</comment>
        <translation>Лимит</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="183"/>
        <source>Description</source>
        <comment>column</comment>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="190"/>
        <source>Built-in</source>
        <comment>handler kind</comment>
        <translation>Встроенный</translation>
    </message>
    <message>
        <location filename="../../app/models/HandlerModel.cpp" line="190"/>
        <source>External</source>
        <comment>handler kind</comment>
        <translation>Внешний</translation>
    </message>
</context>
<context>
    <name>taskmill::HandlersPage</name>
    <message numerus="yes">
        <location filename="../../app/views/HandlersPage.cpp" line="138"/>
        <source>%Ln handler(s)</source>
        <translation>
            <numerusform>%Ln обработчик</numerusform>
            <numerusform>%Ln обработчика</numerusform>
            <numerusform>%Ln обработчиков</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/HandlersPage.cpp" line="139"/>
        <source>%1, %2 disabled</source>
        <translation>%1, отключено: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/HandlersPage.cpp" line="147"/>
        <source>Loading the handlers failed: %1</source>
        <translation>Не удалось загрузить обработчики: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::InviteDialog</name>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="33"/>
        <source>New Invite</source>
        <translation>Новое приглашение</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="39"/>
        <source>The role of the account made with this invite</source>
        <translation>Роль учётной записи, созданной по этому приглашению</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="42"/>
        <source>Anyone with the code</source>
        <translation>Любой, у кого есть код</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="43"/>
        <source>If given, only this address can register with the invite</source>
        <translation>Если указан, зарегистрироваться по приглашению сможет только этот адрес</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="50"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="51"/>
        <source>&amp;E-mail (optional):</source>
        <translation>&amp;E-mail (необязательно):</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="52"/>
        <source>&amp;Valid for (days):</source>
        <translation>Срок &amp;действия (дней):</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="57"/>
        <source>Create</source>
        <comment>invite</comment>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../app/views/InviteDialog.cpp" line="102"/>
        <source>The invite was not created: %1</source>
        <translation>Приглашение не создано: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::InviteModel</name>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="41"/>
        <source>open</source>
        <comment>invite state</comment>
        <translation>открыто</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="43"/>
        <source>used</source>
        <comment>invite state</comment>
        <translation>использовано</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="45"/>
        <source>expired</source>
        <comment>invite state</comment>
        <translation>истекло</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="58"/>
        <source>anyone</source>
        <comment>invite e-mail: any address may use it</comment>
        <translation>любой</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="66"/>
        <source>%1 by user %2</source>
        <comment>invite used: time, user id</comment>
        <translation>%1, пользователь %2</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="67"/>
        <source>%1, account deleted since</source>
        <comment>invite used: time</comment>
        <translation>%1, учётная запись с тех пор удалена</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="77"/>
        <source>Anyone who has the code may register with it.</source>
        <translation>Зарегистрироваться по коду может любой, у кого он есть.</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="78"/>
        <source>Only %1 may register with this invite.</source>
        <translation>Зарегистрироваться по этому приглашению может только %1.</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="83"/>
        <source>Created %1, valid until %2</source>
        <translation>Создано %1, действует до %2</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="119"/>
        <source>Role</source>
        <comment>column</comment>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="120"/>
        <source>E-mail</source>
        <comment>column</comment>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="121"/>
        <source>State</source>
        <comment>column: invite open, used or expired</comment>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="122"/>
        <source>Expires</source>
        <comment>column</comment>
        <translation>Истекает</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="123"/>
        <source>Created by</source>
        <comment>column</comment>
        <translation>Создал</translation>
    </message>
    <message>
        <location filename="../../app/models/InviteModel.cpp" line="124"/>
        <source>Used</source>
        <comment>column: when and by whom an invite was used</comment>
        <translation>Использовано</translation>
    </message>
</context>
<context>
    <name>taskmill::KeyboardNavigation</name>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="37"/>
        <source>Go to Page %1</source>
        <translation>Перейти на страницу %1</translation>
    </message>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="45"/>
        <source>Find on This Page</source>
        <translation>Найти на этой странице</translation>
    </message>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="55"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="108"/>
        <source>Keyboard Shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="111"/>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <location filename="../../app/views/KeyboardNavigation.cpp" line="111"/>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
</context>
<context>
    <name>taskmill::KeychainSecretStore</name>
    <message>
        <location filename="../../app/client/KeychainSecretStore.cpp" line="69"/>
        <source>The system keychain is not available: %1</source>
        <translation>Системное хранилище паролей недоступно: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::LanguageMenu</name>
    <message>
        <location filename="../../app/views/LanguageMenu.cpp" line="14"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../app/views/LanguageMenu.cpp" line="23"/>
        <source>System</source>
        <comment>language</comment>
        <translation>Системный</translation>
    </message>
    <message>
        <location filename="../../app/views/LanguageMenu.cpp" line="49"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../app/views/LanguageMenu.cpp" line="50"/>
        <source>The language changes the next time Taskmill starts.</source>
        <translation>Язык изменится при следующем запуске Taskmill.</translation>
    </message>
</context>
<context>
    <name>taskmill::LaunchOptions</name>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="34"/>
        <source>Desktop client for the Taskmill task queue.</source>
        <translation>Настольный клиент очереди задач Taskmill.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="37"/>
        <source>Connect to the backend at &lt;url&gt;.</source>
        <translation>Подключиться к серверу по адресу &lt;адрес&gt;.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="37"/>
        <location filename="../../app/settings/LaunchOptions.cpp" line="43"/>
        <source>url</source>
        <translation>адрес</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="38"/>
        <source>Use the Local profile: start a private backend if none answers at its URL (default %1).</source>
        <translation>Использовать профиль Local: запустить собственный сервер, если по его адресу никто не отвечает (по умолчанию %1).</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="41"/>
        <source>Use the stored connection profile &lt;name&gt;.</source>
        <translation>Использовать сохранённый профиль подключения &lt;имя&gt;.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="42"/>
        <source>Check that the backend at &lt;url&gt; answers, print the result and exit.</source>
        <translation>Проверить, отвечает ли сервер по адресу &lt;адрес&gt;, вывести результат и выйти.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="76"/>
        <source>Unknown connection profile &quot;%1&quot;. Known profiles: %2.</source>
        <translation>Неизвестный профиль подключения «%1». Известные профили: %2.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="81"/>
        <source>--local contradicts --profile %1, which is a remote profile.</source>
        <translation>--local несовместим с --profile %1: это профиль удалённого сервера.</translation>
    </message>
    <message>
        <source>Start a private backend if none answers at the URL (default %1).</source>
        <translation type="vanished">Запустить собственный сервер, если по адресу никто не отвечает (по умолчанию %1).</translation>
    </message>
    <message>
        <source>Name of the connection profile.</source>
        <translation type="vanished">Имя профиля подключения.</translation>
    </message>
    <message>
        <location filename="../../app/settings/LaunchOptions.cpp" line="41"/>
        <source>name</source>
        <translation>имя</translation>
    </message>
    <message>
        <source>Not a backend URL: %1 (expected e.g. http://host:8080)</source>
        <translation type="vanished">Это не адрес сервера: %1 (ожидается, например, http://host:8080)</translation>
    </message>
</context>
<context>
    <name>taskmill::LocalBackend</name>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="41"/>
        <source>taskmilld exited with code %1.</source>
        <translation>taskmilld завершился с кодом %1.</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="47"/>
        <source>Cannot start %1: %2</source>
        <translation>Не удаётся запустить %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="99"/>
        <source>Cannot start a local backend: %1 was not found next to the app or in PATH.</source>
        <translation>Не удаётся запустить локальный сервер: %1 не найден ни рядом с приложением, ни в PATH.</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="106"/>
        <source>Starting %1 %2</source>
        <translation>Запуск: %1 %2</translation>
    </message>
    <message>
        <location filename="../../app/client/LocalBackend.cpp" line="119"/>
        <source>taskmilld did not stop within %1 s; killing it.</source>
        <translation>taskmilld не остановился за %1 с; процесс будет завершён принудительно.</translation>
    </message>
</context>
<context>
    <name>taskmill::LoginDialog</name>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="126"/>
        <source>Log in to %1</source>
        <translation>Вход в %1</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="37"/>
        <source>Server: %1</source>
        <translation>Сервер: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="46"/>
        <source>&amp;Account (e-mail and password)</source>
        <translation>&amp;Учётная запись (e-mail и пароль)</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="48"/>
        <source>API &amp;token</source>
        <translation>API-&amp;токен</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="52"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="59"/>
        <source>tm_…, from an admin (Users &amp; Tokens)</source>
        <translation>tm_…, выдаёт администратор («Пользователи и токены»)</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="70"/>
        <source>Re&amp;member in the system keychain</source>
        <translation>&amp;Запомнить в системном хранилище ключей</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="63"/>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="64"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="66"/>
        <source>To&amp;ken:</source>
        <translation>То&amp;кен:</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="83"/>
        <source>Create &amp;Account…</source>
        <translation>Создать у&amp;чётную запись…</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="85"/>
        <source>Make a new account on this server, if it allows that (some need an invite from an admin)</source>
        <translation>Завести новую учётную запись на этом сервере, если он это разрешает (некоторым серверам нужен код приглашения от администратора)</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="87"/>
        <source>&amp;Back to Log In</source>
        <translation>&amp;Назад ко входу</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="126"/>
        <source>Create an Account on %1</source>
        <translation>Новая учётная запись на %1</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="129"/>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <location filename="../../app/views/LoginDialog.cpp" line="129"/>
        <source>Create Account</source>
        <translation>Создать учётную запись</translation>
    </message>
</context>
<context>
    <name>taskmill::MainWindow</name>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="67"/>
        <source>Taskmill — %1</source>
        <translation>Taskmill — %1</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="85"/>
        <source>Tasks</source>
        <comment>page</comment>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="89"/>
        <source>Dead Letters</source>
        <comment>page</comment>
        <translation>Недоставленные</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="94"/>
        <source>Handlers</source>
        <comment>page</comment>
        <translation>Обработчики</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="108"/>
        <source>Tasks</source>
        <comment>toolbar</comment>
        <translation>Задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="119"/>
        <source>Task Details</source>
        <translation>Сведения о задаче</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="190"/>
        <source>Loading tasks failed: %1</source>
        <translation>Не удалось загрузить задачи: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="211"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="224"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="226"/>
        <source>&amp;Connect to…</source>
        <translation>&amp;Подключиться…</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="229"/>
        <source>&amp;Log in…</source>
        <translation>&amp;Войти…</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="232"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="236"/>
        <source>&amp;Tasks</source>
        <translation>&amp;Задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="249"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="252"/>
        <source>Local Backend Log</source>
        <translation>Журнал локального сервера</translation>
    </message>
    <message>
        <location filename="../../app/views/MainWindow.cpp" line="263"/>
        <source>&amp;Clear Filter</source>
        <translation>&amp;Сбросить фильтр</translation>
    </message>
</context>
<context>
    <name>taskmill::OfflineBanner</name>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="55"/>
        <source>Reconnect now</source>
        <translation>Подключиться сейчас</translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="57"/>
        <source>Try to reach the server at once instead of waiting</source>
        <translation>Связаться с сервером сразу, не дожидаясь</translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="119"/>
        <source>Not connected to %1 — showing data from %2.</source>
        <translation>Нет подключения к %1 — показаны данные на %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="120"/>
        <source>Not connected to %1.</source>
        <translation>Нет подключения к %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="123"/>
        <source>The server refused the credentials.</source>
        <translation>Сервер отклонил учётные данные.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/OfflineBanner.cpp" line="125"/>
        <source>Reconnecting in %Ln s…</source>
        <translation>
            <numerusform>Повторная попытка через %Ln с…</numerusform>
            <numerusform>Повторная попытка через %Ln с…</numerusform>
            <numerusform>Повторная попытка через %Ln с…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="127"/>
        <source>Reconnecting…</source>
        <translation>Подключение…</translation>
    </message>
    <message>
        <location filename="../../app/views/OfflineBanner.cpp" line="128"/>
        <source>%1 %2</source>
        <comment>offline banner: what is shown, then the next attempt</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>taskmill::PauseActions</name>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="27"/>
        <source>&amp;Pause Queue</source>
        <translation>&amp;Приостановить очередь</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="27"/>
        <source>&amp;Pause Type</source>
        <translation>&amp;Приостановить тип</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="29"/>
        <source>&amp;Resume Queue</source>
        <translation>Во&amp;зобновить очередь</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="29"/>
        <source>&amp;Resume Type</source>
        <translation>Во&amp;зобновить тип</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="64"/>
        <source>%1 was not paused.
%2</source>
        <translation>%1: пауза не поставлена.
%2</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="67"/>
        <source>Paused the %1 queue.</source>
        <translation>Очередь «%1» приостановлена.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="68"/>
        <source>Paused tasks of type %1.</source>
        <translation>Задачи типа %1 приостановлены.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="84"/>
        <source>%1 was not resumed.
%2</source>
        <translation>%1: пауза не снята.
%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/PauseActions.cpp" line="89"/>
        <source>Resumed the %1 queue; %Ln held task(s) dispatched again.</source>
        <translation>
            <numerusform>Очередь «%1» возобновлена; снова отправлена %Ln задержанная задача.</numerusform>
            <numerusform>Очередь «%1» возобновлена; снова отправлены %Ln задержанные задачи.</numerusform>
            <numerusform>Очередь «%1» возобновлена; снова отправлено %Ln задержанных задач.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/PauseActions.cpp" line="90"/>
        <source>Resumed tasks of type %1; %Ln held task(s) dispatched again.</source>
        <translation>
            <numerusform>Задачи типа %1 возобновлены; снова отправлена %Ln задержанная задача.</numerusform>
            <numerusform>Задачи типа %1 возобновлены; снова отправлены %Ln задержанные задачи.</numerusform>
            <numerusform>Задачи типа %1 возобновлены; снова отправлено %Ln задержанных задач.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="96"/>
        <source>Pause</source>
        <comment>dialog title</comment>
        <translation>Пауза</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="111"/>
        <source>This queue is paused already.</source>
        <translation>Эта очередь уже приостановлена.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="111"/>
        <source>This type is paused already.</source>
        <translation>Этот тип уже приостановлен.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="112"/>
        <source>Hold back the queued tasks of this priority until it is resumed: nothing starts them, new ones are accepted and wait, nothing is lost</source>
        <translation>Придержать задачи этого приоритета до возобновления: их никто не запускает, новые принимаются и ждут, ничего не теряется</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="114"/>
        <source>Hold back the queued tasks of this type until it is resumed: nothing starts them, new ones are accepted and wait, nothing is lost</source>
        <translation>Придержать задачи этого типа до возобновления: их никто не запускает, новые принимаются и ждут, ничего не теряется</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="116"/>
        <source>This queue is not paused.</source>
        <translation>Эта очередь не приостановлена.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="116"/>
        <source>This type is not paused.</source>
        <translation>Этот тип не приостановлен.</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="117"/>
        <source>Start the tasks of this priority again</source>
        <translation>Снова запускать задачи этого приоритета</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseActions.cpp" line="118"/>
        <source>Start the tasks of this type again</source>
        <translation>Снова запускать задачи этого типа</translation>
    </message>
</context>
<context>
    <name>taskmill::PauseIndicator</name>
    <message>
        <location filename="../../app/views/PauseIndicator.cpp" line="17"/>
        <source>type %1</source>
        <comment>a paused task type</comment>
        <translation>тип %1</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseIndicator.cpp" line="19"/>
        <source>%1 queue</source>
        <comment>a paused priority</comment>
        <translation>очередь «%1»</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseIndicator.cpp" line="46"/>
        <source>%1: paused by %2 at %3</source>
        <translation>%1: на паузе с %3, автор: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/PauseIndicator.cpp" line="48"/>
        <source>Paused: %1</source>
        <translation>На паузе: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/PauseIndicator.cpp" line="49"/>
        <source>%Ln paused</source>
        <comment>queues and task types</comment>
        <translation>
            <numerusform>На паузе: %Ln</numerusform>
            <numerusform>На паузе: %Ln</numerusform>
            <numerusform>На паузе: %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::PayloadEditor</name>
    <message>
        <location filename="../../app/views/PayloadEditor.cpp" line="36"/>
        <source>Not valid JSON: %1 (at character %2).</source>
        <translation>Некорректный JSON: %1 (символ %2).</translation>
    </message>
    <message>
        <location filename="../../app/views/PayloadEditor.cpp" line="41"/>
        <source>The payload must be a JSON object, e.g. {&quot;ms&quot;: 250}.</source>
        <translation>Данные должны быть JSON-объектом, например {&quot;ms&quot;: 250}.</translation>
    </message>
    <message>
        <location filename="../../app/views/PayloadEditor.cpp" line="53"/>
        <source>%1: %2</source>
        <comment>schema violation at a JSON path</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/PayloadEditor.cpp" line="62"/>
        <source>Edit as &amp;JSON</source>
        <translation>Редактировать как &amp;JSON</translation>
    </message>
</context>
<context>
    <name>taskmill::PreferencesDialog</name>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="22"/>
        <source>Preferences</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="23"/>
        <source>Tray notifications</source>
        <translation>Уведомления в трее</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="25"/>
        <source>When tasks fail into the dead-letter queue</source>
        <translation>Когда задачи попадают в очередь недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="33"/>
        <source>Off</source>
        <comment>no threshold</comment>
        <translation>Отключено</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="34"/>
        <source> tasks</source>
        <translation> задач</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="36"/>
        <source>Notify once when the queue reaches this depth; again only after it fell below %1 % of it.</source>
        <translation>Уведомить один раз, когда очередь достигнет этой глубины; повторно — только после того, как она опустится ниже %1 % от неё.</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="39"/>
        <source>%1 queue depth reaches:</source>
        <translation>Очередь с приоритетом «%1» достигает:</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="42"/>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="44"/>
        <source>Closing the window keeps Taskmill running in the tray</source>
        <translation>При закрытии окна Taskmill продолжает работать в трее</translation>
    </message>
    <message>
        <location filename="../../app/views/PreferencesDialog.cpp" line="50"/>
        <source>No system tray is available on this desktop: notifications and closing to the tray are off.</source>
        <translation>Системный трей в этой среде недоступен: уведомления и сворачивание в трей отключены.</translation>
    </message>
</context>
<context>
    <name>taskmill::ProfileEditor</name>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="33"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="37"/>
        <source>https://taskmill.example.com:8443</source>
        <translation>https://taskmill.example.com:8443</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="38"/>
        <source>&amp;URL:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="43"/>
        <source>None</source>
        <comment>authentication</comment>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="44"/>
        <source>User and password</source>
        <translation>Имя пользователя и пароль</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="45"/>
        <source>API token</source>
        <translation>API-токен</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="46"/>
        <source>Au&amp;thentication:</source>
        <translation>Аутен&amp;тификация:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="49"/>
        <source>Us&amp;er:</source>
        <translation>Поль&amp;зователь:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="54"/>
        <source>&amp;Password or token:</source>
        <translation>Паро&amp;ль или токен:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="55"/>
        <source>Re&amp;member in the system keychain</source>
        <translation>Запомнить в системном &amp;хранилище паролей</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="65"/>
        <source>TLS (https)</source>
        <translation>TLS (https)</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="67"/>
        <source>&amp;Verify the server certificate</source>
        <translation>Проверять серти&amp;фикат сервера</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="72"/>
        <source>System certificates only</source>
        <translation>Только системные сертификаты</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="73"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="78"/>
        <source>E&amp;xtra CA certificate:</source>
        <translation>Доп. сертификат &amp;ЦС:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="84"/>
        <source>None (sha256//…, separated by commas)</source>
        <translation>Нет (sha256//…, через запятую)</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="85"/>
        <source>SHA-256 pins of the server&apos;s public key or of a CA key in its chain: only a server holding one of these keys is used. Not secret.</source>
        <translation>SHA-256-хеши открытого ключа сервера или ключа ЦС из его цепочки: подключение идёт только к серверу с одним из этих ключей. Не секрет.</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="87"/>
        <source>P&amp;in current</source>
        <translation>&amp;Закрепить текущий</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="89"/>
        <source>Fetch the key the server presents now, show it and pin it</source>
        <translation>Получить ключ, который сервер предъявляет сейчас, показать его и закрепить</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="94"/>
        <source>Pinned &amp;keys:</source>
        <translation>Закреплённые &amp;ключи:</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="183"/>
        <source>%1 Passwords and tokens are kept for this session only.</source>
        <translation>%1 Пароли и токены хранятся только до конца сеанса.</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="235"/>
        <source>CA Certificate</source>
        <translation>Сертификат ЦС</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="236"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>Сертификаты PEM (*.pem *.crt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="258"/>
        <source>Cannot fetch the server&apos;s key: %1</source>
        <translation>Не удалось получить ключ сервера: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="268"/>
        <source>Pin the Server&apos;s Key</source>
        <translation>Закрепление ключа сервера</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="269"/>
        <source>%1 presents this public key:

%2

Pin it only if it is the key you expect, e.g. the one your administrator gave you.</source>
        <translation>%1 предъявляет этот открытый ключ:

%2

Закрепляйте его, только если это ожидаемый ключ, например тот, что дал вам администратор.</translation>
    </message>
    <message>
        <location filename="../../app/views/ProfileEditor.cpp" line="276"/>
        <source>&amp;Pin</source>
        <comment>pin a public key</comment>
        <translation>&amp;Закрепить</translation>
    </message>
</context>
<context>
    <name>taskmill::ProfileValidator</name>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="16"/>
        <source>Enter the backend URL, e.g. http://host:8080.</source>
        <translation>Введите адрес сервера, например http://host:8080.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="19"/>
        <source>Not a backend URL: %1 (expected e.g. http://host:8080)</source>
        <translation>Это не адрес сервера: %1 (ожидается, например, http://host:8080)</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="21"/>
        <source>The URL must not have a query or fragment.</source>
        <translation>Адрес не должен содержать параметры запроса или фрагмент.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="31"/>
        <source>Enter a name for the connection.</source>
        <translation>Введите имя подключения.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="33"/>
        <source>Another connection is already called %1.</source>
        <translation>Подключение с именем %1 уже существует.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="38"/>
        <source>Put the password in the password field, not in the URL.</source>
        <translation>Укажите пароль в поле пароля, а не в адресе.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="41"/>
        <source>Password authentication needs a user name.</source>
        <translation>Для аутентификации по паролю нужно имя пользователя.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="46"/>
        <source>Cannot read %1.</source>
        <translation>Не удаётся прочитать %1.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="48"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 не содержит сертификата PEM.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="50"/>
        <source>A CA certificate is used only with an https:// URL.</source>
        <translation>Сертификат ЦС используется только с адресом https://.</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="56"/>
        <source>Not a public key pin: %1 (expected sha256// and 44 base64 characters).</source>
        <translation>Не хеш открытого ключа: %1 (ожидается sha256// и 44 символа base64).</translation>
    </message>
    <message>
        <location filename="../../app/settings/ProfileValidator.cpp" line="59"/>
        <source>Pinned keys are used only with an https:// URL.</source>
        <translation>Закреплённые ключи применяются только с адресом https://.</translation>
    </message>
</context>
<context>
    <name>taskmill::PublicKeyPin</name>
    <message>
        <location filename="../../app/client/PublicKeyPin.cpp" line="67"/>
        <source>no certificate</source>
        <translation>нет сертификата</translation>
    </message>
    <message>
        <location filename="../../app/client/PublicKeyPin.cpp" line="68"/>
        <source>The server&apos;s certificate does not match the pinned key of this profile (got %1).</source>
        <translation>Сертификат сервера не совпадает с закреплённым ключом этого подключения (получен %1).</translation>
    </message>
</context>
<context>
    <name>taskmill::RegisterForm</name>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="35"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="39"/>
        <source>inv_…, if the server admits by invite</source>
        <translation>inv_…, если сервер принимает по приглашениям</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="43"/>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="44"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="45"/>
        <source>&amp;Repeat:</source>
        <comment>password</comment>
        <translation>П&amp;овтор:</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="46"/>
        <source>&amp;Invite code:</source>
        <translation>&amp;Код приглашения:</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="81"/>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <location filename="../../app/views/RegisterForm.cpp" line="108"/>
        <source>No account was created: %1</source>
        <translation>Учётная запись не создана: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::SavedFilterActions</name>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="29"/>
        <source>Saved &amp;Filters</source>
        <translation>Сохранённые &amp;фильтры</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="31"/>
        <source>&amp;Save Current Filter…</source>
        <translation>&amp;Сохранить текущий фильтр…</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="35"/>
        <source>&amp;Manage Saved Filters…</source>
        <translation>&amp;Управление сохранёнными фильтрами…</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="108"/>
        <source>Save Filter</source>
        <translation>Сохранить фильтр</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="108"/>
        <location filename="../../app/views/SavedFilterActions.cpp" line="140"/>
        <source>Name:</source>
        <comment>saved filter</comment>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="117"/>
        <source>Saved Filters</source>
        <translation>Сохранённые фильтры</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="131"/>
        <source>&amp;Rename…</source>
        <translation>&amp;Переименовать…</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="132"/>
        <source>&amp;Delete</source>
        <comment>saved filter</comment>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="140"/>
        <source>Rename Filter</source>
        <translation>Переименовать фильтр</translation>
    </message>
    <message>
        <location filename="../../app/views/SavedFilterActions.cpp" line="143"/>
        <source>The name is empty or already used by another saved filter.</source>
        <translation>Имя пустое или уже занято другим сохранённым фильтром.</translation>
    </message>
</context>
<context>
    <name>taskmill::SchemaForm</name>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="65"/>
        <source>* required</source>
        <translation>* обязательное поле</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="89"/>
        <source>%1 *:</source>
        <comment>required form field</comment>
        <translation>%1 *:</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="90"/>
        <source>%1:</source>
        <comment>form label</comment>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="117"/>
        <source>Comma-separated values, e.g. a, b, c</source>
        <translation>Значения через запятую, например a, b, c</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="125"/>
        <source>(not set)</source>
        <comment>optional choice</comment>
        <translation>(не задано)</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="135"/>
        <location filename="../../app/views/SchemaForm.cpp" line="146"/>
        <source>not set</source>
        <comment>optional number</comment>
        <translation>не задано</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="165"/>
        <source>JSON value</source>
        <translation>Значение JSON</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="309"/>
        <source>Not valid JSON: %1.</source>
        <translation>Некорректный JSON: %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="329"/>
        <source>at /%1: %2</source>
        <comment>schema violation inside a property</comment>
        <translation>в /%1: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="360"/>
        <source>Must be at most %1.</source>
        <translation>Не больше %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="360"/>
        <source>Must be less than %1.</source>
        <translation>Меньше %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="361"/>
        <source>Must be at least %1.</source>
        <translation>Не меньше %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="361"/>
        <source>Must be greater than %1.</source>
        <translation>Больше %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="364"/>
        <source>%1 is required.</source>
        <translation>Поле %1 обязательно.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="366"/>
        <source>Use at least %1 characters.</source>
        <translation>Минимум символов: %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="367"/>
        <source>Use at most %1 characters.</source>
        <translation>Максимум символов: %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="369"/>
        <source>Choose one of the allowed values.</source>
        <translation>Выберите одно из допустимых значений.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="371"/>
        <source>This kind of value is not allowed here.</source>
        <translation>Значение такого типа здесь недопустимо.</translation>
    </message>
    <message>
        <location filename="../../app/views/SchemaForm.cpp" line="373"/>
        <source>Does not match the required pattern.</source>
        <translation>Не соответствует требуемому шаблону.</translation>
    </message>
</context>
<context>
    <name>taskmill::StatsCountsModel</name>
    <message>
        <location filename="../../app/models/StatsCountsModel.cpp" line="40"/>
        <source>≈%1</source>
        <comment>estimated count</comment>
        <translation>≈%1</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsCountsModel.cpp" line="44"/>
        <source>Estimated: the server counts a status exactly only while it holds few tasks.</source>
        <translation>Оценка: сервер считает статус точно, только пока в нём немного задач.</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsCountsModel.cpp" line="75"/>
        <source>Total</source>
        <comment>sum over priorities</comment>
        <translation>Всего</translation>
    </message>
</context>
<context>
    <name>taskmill::StatsPendingModel</name>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="25"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="27"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="30"/>
        <source>%1 min %2 s</source>
        <translation>%1 мин %2 с</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="31"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="44"/>
        <source>%1 (no heartbeat)</source>
        <translation>%1 (нет сигнала активности)</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="46"/>
        <source>(deleted)</source>
        <comment>stream entry without a task</comment>
        <translation>(удалена)</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="74"/>
        <source>Idle for %1, longer than the visibility timeout (%2): the consumer died or hangs; an executor will reclaim this entry.</source>
        <translation>Простаивает %1 — дольше тайм-аута видимости (%2): потребитель завершился или завис; запись заберёт другой исполнитель.</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="91"/>
        <source>Consumer</source>
        <translation>Потребитель</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="92"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="93"/>
        <source>Task</source>
        <translation>Задача</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="94"/>
        <source>Idle</source>
        <translation>Простой</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="95"/>
        <source>Deliveries</source>
        <translation>Доставки</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsPendingModel.cpp" line="96"/>
        <source>Entry</source>
        <comment>stream entry id</comment>
        <translation>Запись</translation>
    </message>
</context>
<context>
    <name>taskmill::StatsQueueModel</name>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="63"/>
        <source>Redis is not answering</source>
        <translation>Redis не отвечает</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="77"/>
        <source>Paused</source>
        <comment>queue state</comment>
        <translation>На паузе</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="77"/>
        <source>Active</source>
        <comment>queue state</comment>
        <translation>Работает</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="82"/>
        <source>Paused by %1 at %2</source>
        <translation>На паузе с %2, автор: %1</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="84"/>
        <source>Executors start queued tasks of this priority</source>
        <translation>Исполнители запускают задачи этого приоритета</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="112"/>
        <source>Entries in the priority stream</source>
        <translation>Записи в потоке этого приоритета</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="113"/>
        <source>Entries no executor has read yet</source>
        <translation>Записи, которые ещё не прочитал ни один исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="114"/>
        <source>Entries delivered to an executor and not yet acknowledged</source>
        <translation>Записи, доставленные исполнителю, но ещё не подтверждённые</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="115"/>
        <source>Whether executors start tasks of this priority, or it is paused</source>
        <translation>Запускают ли исполнители задачи этого приоритета или он на паузе</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="122"/>
        <source>Depth</source>
        <comment>queue length</comment>
        <translation>Глубина</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="123"/>
        <source>Waiting</source>
        <comment>queue entries not delivered</comment>
        <translation>Ожидают</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="124"/>
        <source>Pending</source>
        <comment>queue entries delivered, not acknowledged</comment>
        <translation>Не подтверждены</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsQueueModel.cpp" line="125"/>
        <source>State</source>
        <comment>queue: active or paused</comment>
        <translation>Статус</translation>
    </message>
</context>
<context>
    <name>taskmill::StatsWorkerModel</name>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="30"/>
        <source>%1 (%2)</source>
        <comment>task type (short id)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="31"/>
        <source>%1 (%2)</source>
        <comment>task title (type)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="34"/>
        <source>built-in handlers</source>
        <translation>встроенные обработчики</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="39"/>
        <source>Worker</source>
        <comment>external worker leasing over the API</comment>
        <translation>Внешний воркер</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="39"/>
        <source>Executor</source>
        <comment>taskmilld executor process</comment>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="40"/>
        <source>%1 (pid %2)</source>
        <translation>%1 (pid %2)</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="42"/>
        <source>%1/%2</source>
        <comment>running tasks of worker threads</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="83"/>
        <source>Consumer</source>
        <translation>Потребитель</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="84"/>
        <source>Kind</source>
        <comment>executor or worker</comment>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="85"/>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="86"/>
        <source>Types</source>
        <comment>handler types served</comment>
        <translation>Типы</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="87"/>
        <source>Busy</source>
        <comment>running/threads</comment>
        <translation>Занято</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="88"/>
        <source>Running tasks</source>
        <translation>Выполняемые задачи</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="89"/>
        <source>Heartbeat</source>
        <translation>Сигнал активности</translation>
    </message>
    <message>
        <location filename="../../app/models/StatsWorkerModel.cpp" line="90"/>
        <source>Started</source>
        <comment>worker start time</comment>
        <translation>Запущен</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskActions</name>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="41"/>
        <source>&amp;New Task…</source>
        <translation>&amp;Новая задача…</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="46"/>
        <source>&amp;Duplicate…</source>
        <translation>&amp;Дублировать…</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="49"/>
        <source>Create a new task from the selected one, with changes</source>
        <translation>Создать новую задачу на основе выбранной, с изменениями</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="52"/>
        <source>&amp;Cancel Selected…</source>
        <translation>&amp;Отменить выбранные…</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="57"/>
        <source>Re&amp;try Now</source>
        <translation>&amp;Повторить сейчас</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="60"/>
        <location filename="../../app/views/TaskActions.cpp" line="284"/>
        <source>Run failed, cancelled or waiting tasks again now</source>
        <translation>Немедленно перезапустить задачи со сбоем, отменённые или ожидающие</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="63"/>
        <source>&amp;Refresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="70"/>
        <source>Copy &amp;Full ID</source>
        <translation>Копировать &amp;полный ID</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="119"/>
        <source>Copied the task ID %1.</source>
        <translation>ID задачи %1 скопирован.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="120"/>
        <source>Copied %Ln task ID(s).</source>
        <translation>
            <numerusform>Скопирован %Ln ID задачи</numerusform>
            <numerusform>Скопировано %Ln ID задач</numerusform>
            <numerusform>Скопировано %Ln ID задач</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="139"/>
        <source>Created task %1.</source>
        <translation>Создана задача %1.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="150"/>
        <source>New Task</source>
        <translation>Новая задача</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="165"/>
        <location filename="../../app/views/TaskActions.cpp" line="170"/>
        <source>Duplicate Task</source>
        <translation>Дублирование задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="165"/>
        <source>This task&apos;s payload is withheld from your role, so it cannot be duplicated.</source>
        <translation>Данные этой задачи скрыты от вашей роли, поэтому её нельзя продублировать.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="181"/>
        <location filename="../../app/views/TaskActions.cpp" line="203"/>
        <location filename="../../app/views/TaskActions.cpp" line="206"/>
        <source>Cancel Tasks</source>
        <comment>dialog title</comment>
        <translation>Отмена задач</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="182"/>
        <source>Cancel %Ln selected task(s)? Running tasks stop at their next cancellation check.</source>
        <translation>
            <numerusform>Отменить %Ln выбранную задачу? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
            <numerusform>Отменить %Ln выбранные задачи? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
            <numerusform>Отменить %Ln выбранных задач? Выполняющиеся задачи остановятся при следующей проверке отмены.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="187"/>
        <source>Cancel Tasks</source>
        <comment>button</comment>
        <translation>Отменить задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="188"/>
        <source>Keep Running</source>
        <translation>Не отменять</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="203"/>
        <source>The tasks were not cancelled.</source>
        <translation>Задачи не отменены.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="218"/>
        <source>The tasks were not retried.</source>
        <translation>Задачи не перезапущены.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="239"/>
        <source>Task %1: %2 (%3)</source>
        <translation>Задача %1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="279"/>
        <source>The selected tasks have already finished.</source>
        <translation>Выбранные задачи уже завершены.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="280"/>
        <source>Cancel the selected tasks that have not finished</source>
        <translation>Отменить выбранные незавершённые задачи</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="283"/>
        <source>Only failed, cancelled, postponed or waiting tasks can be retried.</source>
        <translation>Перезапустить можно только упавшие, отменённые, отложенные или ожидающие задачи.</translation>
    </message>
    <message>
        <source>The tasks were not cancelled: %1</source>
        <translation type="vanished">Задачи не отменены: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskActions.cpp" line="218"/>
        <location filename="../../app/views/TaskActions.cpp" line="221"/>
        <source>Retry Tasks</source>
        <comment>dialog title</comment>
        <translation>Повтор задач</translation>
    </message>
    <message>
        <source>The tasks were not retried: %1</source>
        <translation type="vanished">Задачи не перезапущены: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="221"/>
        <source>Retrying %Ln task(s) now.</source>
        <translation>
            <numerusform>Перезапускается %Ln задача.</numerusform>
            <numerusform>Перезапускаются %Ln задачи.</numerusform>
            <numerusform>Перезапускается %Ln задач.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="236"/>
        <source>… and %Ln more.</source>
        <translation>
            <numerusform>… и ещё %Ln.</numerusform>
            <numerusform>… и ещё %Ln.</numerusform>
            <numerusform>… и ещё %Ln.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task %1: %2</source>
        <translation type="vanished">Задача %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="242"/>
        <source>%Ln task(s) could not be changed:</source>
        <translation>
            <numerusform>Не удалось изменить %Ln задачу:</numerusform>
            <numerusform>Не удалось изменить %Ln задачи:</numerusform>
            <numerusform>Не удалось изменить %Ln задач:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskActions.cpp" line="206"/>
        <source>Cancelled %Ln task(s).</source>
        <translation>
            <numerusform>Отменена %Ln задача.</numerusform>
            <numerusform>Отменены %Ln задачи.</numerusform>
            <numerusform>Отменено %Ln задач.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some tasks were not cancelled:
%1</source>
        <translation type="vanished">Некоторые задачи не отменены:
%1</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskDetailsPanel</name>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="67"/>
        <source>Select a task to see its details.</source>
        <translation>Выберите задачу, чтобы увидеть сведения о ней.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="77"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="78"/>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="79"/>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="80"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="81"/>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="82"/>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="83"/>
        <source>Attempts</source>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="84"/>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="134"/>
        <source>Worker</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="85"/>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="86"/>
        <source>Run at</source>
        <translation>Запуск в</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="87"/>
        <source>Started</source>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="88"/>
        <source>Finished</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="89"/>
        <source>Updated</source>
        <translation>Обновлена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="90"/>
        <source>Dead-lettered</source>
        <translation>В очереди недоставленных</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="91"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="92"/>
        <source>Trace ID</source>
        <translation>ID трассировки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="93"/>
        <source>Span ID</source>
        <translation>ID спана</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="102"/>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="187"/>
        <source>%1:</source>
        <comment>form label</comment>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="107"/>
        <source>Copy Trace ID</source>
        <translation>Копировать ID трассировки</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="112"/>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="360"/>
        <source>Open Trace</source>
        <translation>Открыть трассировку</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="134"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="134"/>
        <source>From</source>
        <comment>status</comment>
        <translation>Из</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="134"/>
        <source>To</source>
        <comment>status</comment>
        <translation>В</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="135"/>
        <source>Attempt</source>
        <translation>Попытка</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="135"/>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="151"/>
        <source>Fields</source>
        <translation>Поля</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="152"/>
        <source>Payload</source>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="153"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="154"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="178"/>
        <source>%p%</source>
        <comment>progress bar</comment>
        <translation>%p%</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="187"/>
        <source>Progress</source>
        <translation>Ход выполнения</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="209"/>
        <source>Lease until %1</source>
        <translation>Аренда до %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="267"/>
        <source>%1 of %2</source>
        <comment>attempts</comment>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="279"/>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="288"/>
        <source>Withheld: your role may not see payloads, results and errors.</source>
        <translation>Скрыто: ваша роль не позволяет видеть данные задач, результаты и ошибки.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="292"/>
        <source>The handler returned no result.</source>
        <translation>Обработчик не вернул результат.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="293"/>
        <source>No result: the task failed (its error is on the Fields tab).</source>
        <translation>Результата нет: задача завершилась сбоем (ошибка — на вкладке «Поля»).</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="294"/>
        <source>No result: the task was cancelled.</source>
        <translation>Результата нет: задача отменена.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="295"/>
        <source>No result yet: the task has not finished.</source>
        <translation>Результата пока нет: задача не завершена.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="306"/>
        <source>Loading the history failed: %1</source>
        <translation>Не удалось загрузить историю: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="338"/>
        <source>Copied the trace ID %1.</source>
        <translation>ID трассировки %1 скопирован.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="355"/>
        <source>The backend&apos;s trace link is not an http(s) address, so it was not opened:</source>
        <translation>Ссылка на трассировку от сервера — не адрес http(s), поэтому она не открыта:</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="357"/>
        <source>No web browser could open the trace. Its address:</source>
        <translation>Не удалось открыть трассировку в браузере. Её адрес:</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="386"/>
        <source>The backend names no trace viewer (its tracing.link_template setting is empty).</source>
        <translation>На сервере не задан просмотрщик трассировок (параметр tracing.link_template пуст).</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="388"/>
        <source>This task has no trace ID.</source>
        <translation>У этой задачи нет ID трассировки.</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskDetailsPanel.cpp" line="390"/>
        <source>Open this task&apos;s trace in the trace viewer: %1</source>
        <translation>Открыть трассировку задачи в просмотрщике: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskExporter</name>
    <message>
        <location filename="../../app/models/TaskExporter.cpp" line="102"/>
        <location filename="../../app/models/TaskExporter.cpp" line="137"/>
        <source>Cannot write %1: %2</source>
        <translation>Не удаётся записать %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskExporter.cpp" line="123"/>
        <source>The export was stopped; no file was written.</source>
        <translation>Экспорт остановлен; файл не записан.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/models/TaskExporter.cpp" line="127"/>
        <source>The export failed after %Ln task(s): %1</source>
        <translation>
            <numerusform>Экспорт прервался после %Ln задачи: %1</numerusform>
            <numerusform>Экспорт прервался после %Ln задач: %1</numerusform>
            <numerusform>Экспорт прервался после %Ln задач: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::TaskModel</name>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="73"/>
        <source>%1/%2</source>
        <comment>attempts of max attempts</comment>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="138"/>
        <source>Click to sort all tasks by this column</source>
        <translation>Нажмите, чтобы отсортировать все задачи по этому столбцу</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="138"/>
        <source>Tasks cannot be sorted by this column</source>
        <translation>Сортировка задач по этому столбцу недоступна</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="142"/>
        <source>Id</source>
        <comment>column</comment>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="143"/>
        <source>Title</source>
        <comment>column</comment>
        <translation>Заголовок</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="144"/>
        <source>Type</source>
        <comment>column</comment>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="145"/>
        <source>Priority</source>
        <comment>column</comment>
        <translation>Приоритет</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="146"/>
        <source>Status</source>
        <comment>column</comment>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="147"/>
        <source>Attempts</source>
        <comment>column</comment>
        <translation>Попытки</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="148"/>
        <source>Created</source>
        <comment>column</comment>
        <translation>Создана</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="149"/>
        <source>Started</source>
        <comment>column</comment>
        <translation>Начата</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="150"/>
        <source>Completed</source>
        <comment>column</comment>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="151"/>
        <source>Error</source>
        <comment>column</comment>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="152"/>
        <source>Run at</source>
        <comment>column</comment>
        <translation>Запуск в</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="153"/>
        <source>Worker</source>
        <comment>column</comment>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="154"/>
        <source>Wait</source>
        <comment>column: started minus created</comment>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="155"/>
        <source>Duration</source>
        <comment>column: completed minus started</comment>
        <translation>Длительность</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="345"/>
        <source>Low</source>
        <comment>priority</comment>
        <translation>Низкий</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="346"/>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>Средний</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="347"/>
        <source>High</source>
        <comment>priority</comment>
        <translation>Высокий</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="355"/>
        <source>New</source>
        <comment>status</comment>
        <translation>Новая</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="356"/>
        <source>Pending</source>
        <comment>status</comment>
        <translation>В очереди</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="357"/>
        <source>In progress</source>
        <comment>status</comment>
        <translation>Выполняется</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="358"/>
        <source>Completed</source>
        <comment>status</comment>
        <translation>Выполнена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="359"/>
        <source>Failed</source>
        <comment>status</comment>
        <translation>Сбой</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="360"/>
        <source>Cancelled</source>
        <comment>status</comment>
        <translation>Отменена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="361"/>
        <source>Postponed</source>
        <comment>status</comment>
        <translation>Отложена</translation>
    </message>
    <message>
        <location filename="../../app/models/TaskModel.cpp" line="362"/>
        <source>Waiting to retry</source>
        <comment>status</comment>
        <translation>Ждёт повтора</translation>
    </message>
</context>
<context>
    <name>taskmill::TaskTablePanel</name>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="72"/>
        <source>First page</source>
        <translation>Первая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="73"/>
        <source>Previous page</source>
        <translation>Предыдущая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="74"/>
        <source>Next page</source>
        <translation>Следующая страница</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="122"/>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTablePanel.cpp" line="139"/>
        <source>Show All Columns</source>
        <translation>Показать все столбцы</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskTablePanel.cpp" line="171"/>
        <source>Page %1 of %2 · %Ln task(s)</source>
        <translation>
            <numerusform>Страница %1 из %2 · %Ln задача</numerusform>
            <numerusform>Страница %1 из %2 · %Ln задачи</numerusform>
            <numerusform>Страница %1 из %2 · %Ln задач</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/TaskTablePanel.cpp" line="174"/>
        <source>Page %1 of about %2 · about %Ln task(s)</source>
        <translation>
            <numerusform>Страница %1 из примерно %2 · примерно %Ln задача</numerusform>
            <numerusform>Страница %1 из примерно %2 · примерно %Ln задачи</numerusform>
            <numerusform>Страница %1 из примерно %2 · примерно %Ln задач</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskmill::TaskTimeline</name>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="51"/>
        <source>completed</source>
        <comment>attempt outcome</comment>
        <translation>завершена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="52"/>
        <source>failed</source>
        <comment>attempt outcome</comment>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="53"/>
        <source>failed, will retry</source>
        <comment>attempt outcome</comment>
        <translation>ошибка, будет повтор</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="54"/>
        <source>cancelled</source>
        <comment>attempt outcome</comment>
        <translation>отменена</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="55"/>
        <source>running</source>
        <comment>attempt outcome</comment>
        <translation>выполняется</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="56"/>
        <source>interrupted</source>
        <comment>attempt outcome</comment>
        <translation>прервана</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="122"/>
        <source>Attempt %1: %2</source>
        <translation>Попытка %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="124"/>
        <source>Waiting</source>
        <comment>timeline segment</comment>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="125"/>
        <source>Start: %1</source>
        <translation>Начало: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="126"/>
        <source>End: %1</source>
        <translation>Конец: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="127"/>
        <source>Duration: %1</source>
        <translation>Длительность: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="129"/>
        <source>Worker: %1</source>
        <translation>Исполнитель: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="131"/>
        <source>Message: %1</source>
        <translation>Сообщение: %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="208"/>
        <source>No history yet</source>
        <translation>Истории пока нет</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="235"/>
        <source>Created %1</source>
        <translation>Создана %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="238"/>
        <source>Finished after %1</source>
        <translation>Завершена через %1</translation>
    </message>
    <message>
        <location filename="../../app/views/TaskTimeline.cpp" line="238"/>
        <source>Open for %1</source>
        <translation>Идёт уже %1</translation>
    </message>
</context>
<context>
    <name>taskmill::ThemeMenu</name>
    <message>
        <location filename="../../app/views/Theme.cpp" line="77"/>
        <source>&amp;Appearance</source>
        <translation>&amp;Оформление</translation>
    </message>
    <message>
        <location filename="../../app/views/Theme.cpp" line="81"/>
        <source>&amp;System</source>
        <translation>&amp;Системное</translation>
    </message>
    <message>
        <location filename="../../app/views/Theme.cpp" line="82"/>
        <source>&amp;Light</source>
        <translation>&amp;Светлое</translation>
    </message>
    <message>
        <location filename="../../app/views/Theme.cpp" line="83"/>
        <source>&amp;Dark</source>
        <translation>&amp;Тёмное</translation>
    </message>
</context>
<context>
    <name>taskmill::TokenDialog</name>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="32"/>
        <source>New API Token</source>
        <translation>Новый API-токен</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="35"/>
        <source>Who or what uses it, e.g. image workers</source>
        <translation>Кто или что им пользуется, например воркеры изображений</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="41"/>
        <source>May see task payloads, results and errors (workers need this)</source>
        <translation>Видит данные, результаты и ошибки задач (нужно воркерам)</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="45"/>
        <source>All task types</source>
        <translation>Все типы задач</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="46"/>
        <source>A comma-separated list of the task types this token may create and lease; empty for all</source>
        <translation>Типы задач через запятую, которые этот токен может создавать и брать в работу; пусто — все</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="49"/>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="50"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="52"/>
        <source>Task &amp;types:</source>
        <translation>&amp;Типы задач:</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="57"/>
        <source>Create</source>
        <comment>token</comment>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenDialog.cpp" line="113"/>
        <source>The token was not created: %1</source>
        <translation>Токен не создан: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::TokenModel</name>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="34"/>
        <source>yes</source>
        <comment>may see payloads</comment>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="34"/>
        <source>no</source>
        <comment>may see payloads</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="35"/>
        <source>all</source>
        <comment>token task types</comment>
        <translation>все</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="38"/>
        <source>never</source>
        <comment>token last used</comment>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="55"/>
        <source>%1
Created by %2</source>
        <translation>%1
Создал: %2</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="80"/>
        <source>Name</source>
        <comment>column</comment>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="81"/>
        <source>Role</source>
        <comment>column</comment>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="82"/>
        <source>Payloads</source>
        <comment>column: may see task payloads</comment>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="83"/>
        <source>Task types</source>
        <comment>column: types the token may create</comment>
        <translation>Типы задач</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="84"/>
        <source>Created</source>
        <comment>column</comment>
        <translation>Создан</translation>
    </message>
    <message>
        <location filename="../../app/models/TokenModel.cpp" line="85"/>
        <source>Last used</source>
        <comment>column</comment>
        <translation>Последнее использование</translation>
    </message>
</context>
<context>
    <name>taskmill::TokenSecretDialog</name>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="37"/>
        <source>API Token Created</source>
        <translation>API-токен создан</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="38"/>
        <source>The token %1 was created. Send it as &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Токен %1 создан. Передавайте его в заголовке &quot;Authorization: Bearer &lt;токен&gt;&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="39"/>
        <source>Copy it now: it is shown only this once. The server keeps only a hash of it and cannot show it again; if it is lost, revoke it and create a new one.</source>
        <translation>Скопируйте его сейчас: он показывается только один раз. Сервер хранит лишь его хеш и не сможет показать его снова; если токен потерян, отзовите его и создайте новый.</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="48"/>
        <source>The invite was created. Whoever enters this code under Create Account… in the login dialog gets a %1 account; it works once, until %2.</source>
        <translation>Приглашение создано. Кто введёт этот код в окне входа («Создать учётную запись…»), получит учётную запись с ролью %1; код работает один раз, до %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="50"/>
        <source>The invite was created for %3. Entering this code under Create Account… in the login dialog gives that address a %1 account; it works once, until %2.</source>
        <translation>Приглашение создано для %3: с этим кодом в окне входа («Создать учётную запись…») этот адрес получит учётную запись с ролью %1; код работает один раз, до %2.</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="52"/>
        <source>Invite Created</source>
        <translation>Приглашение создано</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="53"/>
        <source>Copy it now and pass it on: it is shown only this once. The server keeps only a hash of it and cannot show it again; if it is lost, delete the invite and create a new one.</source>
        <translation>Скопируйте его сейчас и передайте получателю: он показывается только один раз. Сервер хранит лишь его хеш и не сможет показать его снова; если код потерян, удалите приглашение и создайте новое.</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="84"/>
        <source>&amp;Copy</source>
        <translation>&amp;Копировать</translation>
    </message>
    <message>
        <location filename="../../app/views/TokenSecretDialog.cpp" line="87"/>
        <source>Copied to the clipboard.</source>
        <translation>Скопировано в буфер обмена.</translation>
    </message>
</context>
<context>
    <name>taskmill::TrayNotifier</name>
    <message>
        <location filename="../../app/models/TrayNotifier.cpp" line="61"/>
        <source>Tasks failed</source>
        <translation>Сбой задач</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/models/TrayNotifier.cpp" line="62"/>
        <source>%Ln task(s) failed into the dead-letter queue</source>
        <translation>
            <numerusform>%Ln задача попала в очередь недоставленных</numerusform>
            <numerusform>%Ln задачи попали в очередь недоставленных</numerusform>
            <numerusform>%Ln задач попали в очередь недоставленных</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/models/TrayNotifier.cpp" line="79"/>
        <source>Queue is backing up</source>
        <translation>Очередь растёт</translation>
    </message>
    <message>
        <location filename="../../app/models/TrayNotifier.cpp" line="80"/>
        <source>The %1 queue holds %2 tasks (threshold %3)</source>
        <translation>В очереди с приоритетом «%1» задач: %2 (порог %3)</translation>
    </message>
</context>
<context>
    <name>taskmill::TrayNotifierIcon</name>
    <message>
        <location filename="../../app/views/TrayNotifierIcon.cpp" line="21"/>
        <source>Show or Hide Taskmill</source>
        <translation>Показать или скрыть Taskmill</translation>
    </message>
</context>
<context>
    <name>taskmill::UserDialog</name>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="42"/>
        <source>Add User</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="46"/>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="48"/>
        <source>Edit Role of %1</source>
        <translation>Роль пользователя %1</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="48"/>
        <source>Reset Password of %1</source>
        <translation>Сброс пароля %1</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="51"/>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="55"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="55"/>
        <source>New &amp;password:</source>
        <translation>Новый &amp;пароль:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="58"/>
        <source>&amp;Repeat:</source>
        <comment>password</comment>
        <translation>П&amp;овтор:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="67"/>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="68"/>
        <source>May see task payloads, results and errors</source>
        <translation>Видит данные, результаты и ошибки задач</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="79"/>
        <source>Add</source>
        <comment>user</comment>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="79"/>
        <source>Save</source>
        <comment>user</comment>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="116"/>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <location filename="../../app/views/UserDialog.cpp" line="143"/>
        <source>The account was not saved: %1</source>
        <translation>Учётная запись не сохранена: %1</translation>
    </message>
</context>
<context>
    <name>taskmill::UserModel</name>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="39"/>
        <source>yes</source>
        <comment>may see payloads</comment>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="39"/>
        <source>no</source>
        <comment>may see payloads</comment>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="64"/>
        <source>E-mail</source>
        <comment>column</comment>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="65"/>
        <source>Role</source>
        <comment>column</comment>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="66"/>
        <source>Payloads</source>
        <comment>column: may see task payloads</comment>
        <translation>Данные</translation>
    </message>
    <message>
        <location filename="../../app/models/UserModel.cpp" line="67"/>
        <source>Created</source>
        <comment>column</comment>
        <translation>Создан</translation>
    </message>
</context>
</TS>
