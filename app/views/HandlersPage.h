// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/HandlerTypes.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableView;
class QToolBar;

namespace taskmill {

class BackendClient;
class HandlerActions;
class HandlerModel;
class PauseActions;
class PauseState;

// The "Handlers" page of the main window: the handler registry as a table (name, kind, state, queued /
// running / failed tasks, description) under a toolbar of HandlerActions. The table loads while the
// page is shown and every HandlerModel::PollMs after, and again after each change made here; double-click
// edits a handler. With a PauseState (setPauseState) the table shows paused types and Pause/Resume Type
// act on the selected one.
class HandlersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlersPage)

public:
    explicit HandlersPage(BackendClient &client, QWidget *parent = nullptr);

    HandlerModel *model() const { return m_model; }
    HandlerActions *actions() const { return m_actions; }
    PauseActions *pauseActions() const { return m_pauseActions; } // null before setPauseState()
    void setPauseState(PauseState &state);
    QTableView *view() const { return m_view; }
    std::optional<HandlerSpec> selectedHandler() const;

signals:
    void statusMessagePosted(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onSelectionChanged();
    void onLoaded();
    void onLoadFailed(const taskmill::ApiError &error);

    BackendClient &m_client;
    HandlerModel *m_model = nullptr;
    HandlerActions *m_actions = nullptr;
    PauseActions *m_pauseActions = nullptr;
    QToolBar *m_toolBar = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_loadError = nullptr;
};

} // namespace taskmill
