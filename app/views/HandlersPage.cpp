// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/HandlersPage.h"

#include "client/BackendClient.h"
#include "models/HandlerModel.h"
#include "views/FormFieldErrors.h"
#include "views/HandlerActions.h"
#include "views/PauseActions.h"
#include "models/PauseState.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int SummaryIndentPx = 12;
}

HandlersPage::HandlersPage(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("handlersPage"));
    m_model = new HandlerModel(client, this);
    m_actions = new HandlerActions(client, *m_model, this);

    auto *toolBar = m_toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("handlersToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_actions->newAction());
    toolBar->addAction(m_actions->editAction());
    toolBar->addAction(m_actions->toggleAction());
    toolBar->addAction(m_actions->deleteAction());
    toolBar->addSeparator();
    toolBar->addAction(m_actions->refreshAction());
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setContentsMargins(SummaryIndentPx, 0, 0, 0);
    toolBar->addWidget(m_summary);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("handlersTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    for (int column = HandlerModel::Name; column < HandlerModel::Description; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HandlerModel::Description, QHeaderView::Stretch);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_actions->editAction(), m_actions->toggleAction(), m_actions->deleteAction()});

    m_loadError = FormFieldErrors::createErrorLabel(this);
    m_loadError->setObjectName(QStringLiteral("loadError"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(toolBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_loadError);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HandlersPage::onSelectionChanged);
    // A refresh updates rows in place; the actions must see the selected handler's new state and version.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &HandlersPage::onSelectionChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &HandlersPage::onSelectionChanged);
    // A horizontal header re-measures its ResizeToContents columns on dataChanged, not on inserted rows:
    // without this the first load leaves them as wide as their titles. Queued: the rows must be laid out.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_view, [this] {
        for (int column = HandlerModel::Name; column < HandlerModel::Description; ++column)
            m_view->resizeColumnToContents(column);
    }, Qt::QueuedConnection);
    connect(m_model, &HandlerModel::loaded, this, &HandlersPage::onLoaded);
    connect(m_model, &HandlerModel::loadFailed, this, &HandlersPage::onLoadFailed);
    connect(m_view, &QTableView::doubleClicked, m_actions, &HandlerActions::editSelected);
    connect(m_actions, &HandlerActions::statusMessagePosted, this, &HandlersPage::statusMessagePosted);
}

void HandlersPage::setPauseState(PauseState &state)
{
    if (m_pauseActions)
        return;
    m_pauseActions = new PauseActions(m_client, state, PauseScope::Type, this);
    // Beside Enable/Disable, which stops a type too but as a registry setting, not an audited hold.
    const QList<QAction *> pauses{m_pauseActions->pauseAction(), m_pauseActions->resumeAction()};
    m_toolBar->insertActions(m_actions->deleteAction(), pauses);
    m_view->insertActions(m_actions->deleteAction(), pauses);
    connect(&state, &PauseState::changed, m_model, [this, &state] { m_model->setPauses(state.pauses()); });
    connect(m_pauseActions, &PauseActions::statusMessagePosted, this, &HandlersPage::statusMessagePosted);
    m_model->setPauses(state.pauses());
    onSelectionChanged();
}

std::optional<HandlerSpec> HandlersPage::selectedHandler() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->rowAt(rows.first().row());
}

void HandlersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->setActive(true);
}

void HandlersPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_model->setActive(false);
}

void HandlersPage::onSelectionChanged()
{
    const std::optional<HandlerSpec> selected = selectedHandler();
    m_actions->setSelected(selected);
    if (m_pauseActions)
        m_pauseActions->setTarget(selected ? selected->name : QString(), {});
}

void HandlersPage::onLoaded()
{
    m_loadError->hide();
    qint64 disabled = 0;
    for (const HandlerSpec &handler : m_model->rows())
        disabled += handler.enabled ? 0 : 1;
    const QString count = tr("%Ln handler(s)", nullptr, m_model->rowCount());
    m_summary->setText(disabled == 0 ? count : tr("%1, %2 disabled").arg(count).arg(disabled));
}

void HandlersPage::onLoadFailed(const ApiError &error)
{
    // An unreachable backend shows in the connection indicator already.
    if (error.code == ErrorCode::Unavailable)
        return;
    m_loadError->setText(tr("Loading the handlers failed: %1").arg(error.message));
    m_loadError->show();
}

} // namespace taskmill
