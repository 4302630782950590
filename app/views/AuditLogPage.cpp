// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/AuditLogPage.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"
#include "models/AuditModel.h"
#include "models/CallerAccess.h"
#include "views/FormFieldErrors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <tuple>

namespace taskmill {

namespace {
constexpr int PageMargin = 6;
constexpr int DetailsLines = 6;
constexpr int DefaultRangeDays = 1; // a range switched on starts as "the last day"

QDateTimeEdit *dateTimeEdit(const QString &name, int daysBack, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-daysBack), parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(dateTimeFormat(TimePrecision::Minutes));
    edit->setCalendarPopup(true);
    edit->setEnabled(false);
    // The style's size hint leaves the popup arrow over the last digits.
    edit->setMinimumWidth(edit->sizeHint().width() + edit->fontMetrics().horizontalAdvance(u'0') * 2);
    return edit;
}
} // namespace

AuditLogPage::AuditLogPage(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("auditPage"));
    m_model = new AuditModel(client, this);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AuditModel::Details, QHeaderView::Stretch);

    m_details = new QPlainTextEdit(this); // plain by construction: details are client-supplied text
    m_details->setObjectName(QStringLiteral("detailsView"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an entry to see its details."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setSizes({1000, m_details->fontMetrics().lineSpacing() * DetailsLines});

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_loadMore = new QPushButton(tr("Load &More", "audit entries"), this);
    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setToolTip(tr("Append the next older entries"));
    m_loadMore->setEnabled(false);
    m_status = FormFieldErrors::createErrorLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_loadMore);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(PageMargin, PageMargin, PageMargin, 0);
    layout->addWidget(createFilterRow());
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);

    m_filterTimer.setSingleShot(true);
    connect(&m_filterTimer, &QTimer::timeout, this, &AuditLogPage::applyFilter);
    connect(m_loadMore, &QPushButton::clicked, m_model, &AuditModel::loadMore);
    connect(m_model, &AuditModel::loaded, this, &AuditLogPage::onLoaded);
    connect(m_model, &AuditModel::loadFailed, this, &AuditLogPage::onLoadFailed);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditLogPage::onCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditLogPage::onCurrentChanged);
    connect(m_view, &QTableView::doubleClicked, this, &AuditLogPage::onDoubleClicked);
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected && isVisible())
            reload();
    });
}

QWidget *AuditLogPage::createFilterRow()
{
    auto *row = new QWidget(this);
    m_actor = new QLineEdit(row);
    m_actor->setObjectName(QStringLiteral("actorEdit"));
    m_actor->setPlaceholderText(tr("Actor (exact)"));
    m_actor->setToolTip(tr("The actor exactly as the table shows it; double-click an actor to filter by it"));
    m_actor->setClearButtonEnabled(true);
    m_action = new QComboBox(row);
    m_action->setObjectName(QStringLiteral("actionCombo"));
    m_action->addItem(tr("All actions"), QString());
    m_taskId = new QLineEdit(row);
    m_taskId->setObjectName(QStringLiteral("taskIdEdit"));
    m_taskId->setPlaceholderText(tr("Task id"));
    m_taskId->setClearButtonEnabled(true);
    m_sinceCheck = new QCheckBox(tr("Since", "audit time range"), row);
    m_sinceCheck->setObjectName(QStringLiteral("sinceCheck"));
    m_since = dateTimeEdit(QStringLiteral("sinceEdit"), DefaultRangeDays, row);
    m_untilCheck = new QCheckBox(tr("Until", "audit time range"), row);
    m_untilCheck->setObjectName(QStringLiteral("untilCheck"));
    m_until = dateTimeEdit(QStringLiteral("untilEdit"), 0, row);
    auto *clear = new QPushButton(tr("C&lear", "audit filter"), row);
    clear->setObjectName(QStringLiteral("clearFilterButton"));

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_actor, 2);
    layout->addWidget(m_action, 1);
    layout->addWidget(m_taskId, 2);
    layout->addWidget(m_sinceCheck);
    layout->addWidget(m_since);
    layout->addWidget(m_untilCheck);
    layout->addWidget(m_until);
    layout->addWidget(clear);

    connect(m_actor, &QLineEdit::textEdited, this, [this] { scheduleFilter(FilterDelayMs); });
    connect(m_taskId, &QLineEdit::textEdited, this, [this] { scheduleFilter(FilterDelayMs); });
    // The clear buttons of the line edits change the text without textEdited.
    connect(m_actor, &QLineEdit::textChanged, this, [this](const QString &text) { if (text.isEmpty()) scheduleFilter(0); });
    connect(m_taskId, &QLineEdit::textChanged, this, [this](const QString &text) { if (text.isEmpty()) scheduleFilter(0); });
    connect(m_action, &QComboBox::currentIndexChanged, this, [this] { scheduleFilter(0); });
    for (auto [check, edit, daysBack] : {std::tuple{m_sinceCheck, m_since, DefaultRangeDays}, std::tuple{m_untilCheck, m_until, 0}}) {
        // Init-captures: clang before 16 cannot capture structured bindings by name.
        connect(check, &QCheckBox::toggled, this, [this, edit = edit, daysBack = daysBack](bool on) {
            if (on && !edit->isEnabled())
                edit->setDateTime(QDateTime::currentDateTime().addDays(-daysBack));
            edit->setEnabled(on);
            scheduleFilter(0);
        });
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this, edit = edit] { if (edit->isEnabled()) scheduleFilter(FilterDelayMs); });
    }
    connect(clear, &QPushButton::clicked, this, &AuditLogPage::clearFilter);
    return row;
}

QString AuditLogPage::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void AuditLogPage::setAdmin(bool admin)
{
    // Told again after every reconnect: the page reloads on the reconnect itself, not twice.
    if (admin == m_admin)
        return;
    m_admin = admin;
    if (!admin) {
        m_filterTimer.stop();
        m_model->clear();
        updateLoadMore();
        m_summary->clear();
        m_status->hide();
    } else if (isVisible()) {
        reload();
    }
}

void AuditLogPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void AuditLogPage::reload()
{
    if (!m_admin)
        return;
    loadActions();
    if (const auto filter = filterFromInputs())
        m_model->setFilter(*filter);
}

void AuditLogPage::scheduleFilter(int delayMs)
{
    m_filterTimer.start(delayMs);
}

std::optional<AuditFilter> AuditLogPage::filterFromInputs()
{
    AuditFilter f;
    f.actor = m_actor->text().trimmed();
    if (const QString action = m_action->currentData().toString(); !action.isEmpty())
        f.actions = {action};
    const QString task = m_taskId->text().trimmed();
    if (!task.isEmpty()) {
        f.taskId = QUuid::fromString(task);
        if (f.taskId.isNull()) {
            showStatus(tr("The task id must be a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427."));
            return std::nullopt;
        }
    }
    if (m_sinceCheck->isChecked())
        f.since = m_since->dateTime().toUTC();
    if (m_untilCheck->isChecked())
        f.until = m_until->dateTime().toUTC();
    return f;
}

void AuditLogPage::applyFilter()
{
    if (!m_admin)
        return;
    m_status->hide();
    if (const auto filter = filterFromInputs())
        m_model->setFilter(*filter);
}

void AuditLogPage::clearFilter()
{
    m_actor->clear();
    m_action->setCurrentIndex(0);
    m_taskId->clear();
    m_sinceCheck->setChecked(false);
    m_untilCheck->setChecked(false);
    scheduleFilter(0);
}

void AuditLogPage::loadActions()
{
    m_client.auditActions().then(this, [this](Result<QStringList> actions) {
        if (!actions)
            return; // the list keeps what it had; the entries' own load reports the failure
        const QString current = m_action->currentData().toString();
        const QSignalBlocker refill(m_action); // the choice stays the same: no new filter
        m_action->clear();
        m_action->addItem(tr("All actions"), QString());
        for (const QString &action : *actions)
            m_action->addItem(action, action);
        // A filtered action that left the log (its rows expired) stays choosable while it is chosen.
        if (!current.isEmpty() && m_action->findData(current) < 0)
            m_action->addItem(current, current);
        m_action->setCurrentIndex(qMax(0, m_action->findData(current)));
    });
}

void AuditLogPage::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &AuditLogPage::updateLoadMore);
    updateLoadMore();
}

void AuditLogPage::updateLoadMore()
{
    // A button, not an action: CallerAccess::restrict does not apply, so its "Not connected" is repeated here.
    const bool offline = m_access && !m_access->isOnline();
    m_loadMore->setEnabled(m_model->hasMore() && !offline);
    m_loadMore->setToolTip(offline ? CallerAccess::tr("Not connected") : tr("Append the next older entries"));
}

void AuditLogPage::onLoaded()
{
    m_status->hide();
    updateLoadMore();
    const int rows = m_model->rowCount();
    m_summary->setText(m_model->hasMore() ? tr("%Ln newest entries shown", nullptr, rows) : tr("%Ln entries", nullptr, rows));
}

void AuditLogPage::onLoadFailed(const ApiError &error)
{
    updateLoadMore();
    // An unreachable backend shows in the connection indicator already.
    if (error.code != ErrorCode::Unavailable)
        showStatus(tr("Loading the audit log failed: %1").arg(error.message));
}

void AuditLogPage::onCurrentChanged()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const AuditEntry &e = m_model->entryAt(current.row());
    QString text = QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented));
    if (!e.taskIds.isEmpty())
        text += u'\n' + tr("Tasks:") + u'\n' + e.taskIds.join(u'\n');
    m_details->setPlainText(text);
}

void AuditLogPage::onDoubleClicked(const QModelIndex &index)
{
    const AuditEntry &e = m_model->entryAt(index.row());
    if (index.column() == AuditModel::Actor) {
        m_actor->setText(e.actor);
    } else if (index.column() == AuditModel::Action) {
        if (m_action->findData(e.action) < 0)
            m_action->addItem(e.action, e.action);
        m_action->setCurrentIndex(m_action->findData(e.action));
    } else if (index.column() == AuditModel::Tasks && e.taskIds.size() == 1) {
        m_taskId->setText(e.taskIds.first());
    } else {
        return;
    }
    scheduleFilter(0);
}

void AuditLogPage::showStatus(const QString &message)
{
    m_status->setText(message);
    m_status->show();
}

} // namespace taskmill
