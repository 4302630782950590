// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AuditTypes.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace taskmill {

struct ApiError;
class AuditModel;
class BackendClient;
class CallerAccess;

// The "Audit" page of the main window, for admins: who changed what (GET /api/v1/audit), newest first,
// under a filter row — exact actor, action (the list from GET /api/v1/audit/actions), a task id and a
// since/until time range. A filter applies FilterDelayMs after the last key, at once for the other
// inputs; double-clicking an actor, action or single task id filters by it. "Load more" appends the next
// older page. The selected entry's details show in full below the table, as plain text. Loads when the
// page is shown and after a reconnect, only while setAdmin(true); failures show in the status label.
class AuditLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogPage)

public:
    static constexpr int FilterDelayMs = 300;

    explicit AuditLogPage(BackendClient &client, QWidget *parent = nullptr);

    AuditModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *actorEdit() const { return m_actor; }
    QComboBox *actionCombo() const { return m_action; }
    QLineEdit *taskIdEdit() const { return m_taskId; }
    QCheckBox *sinceCheck() const { return m_sinceCheck; }
    QDateTimeEdit *sinceEdit() const { return m_since; }
    QCheckBox *untilCheck() const { return m_untilCheck; }
    QDateTimeEdit *untilEdit() const { return m_until; }
    QPushButton *loadMoreButton() const { return m_loadMore; }
    QPlainTextEdit *detailsView() const { return m_details; }
    QString statusText() const; // "" while the status label is hidden

    bool isAdmin() const { return m_admin; }
    void setAdmin(bool admin); // false clears the table and stops loading
    // While the client is offline "Load more" is disabled as "Not connected".
    void setAccess(const CallerAccess *access);
    // The filter the inputs describe; nullopt (and a status line saying why) when the task id is not one.
    std::optional<AuditFilter> filterFromInputs();
    void applyFilter(); // what the debounce timer does
    void clearFilter();
    void reload(); // the first page again, and the action list

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createFilterRow();
    void scheduleFilter(int delayMs);
    void loadActions();
    void onLoaded();
    void onLoadFailed(const ApiError &error);
    void onCurrentChanged();
    void onDoubleClicked(const QModelIndex &index);
    void showStatus(const QString &message);
    void updateLoadMore();

    BackendClient &m_client;
    AuditModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_actor = nullptr;
    QComboBox *m_action = nullptr;
    QLineEdit *m_taskId = nullptr;
    QCheckBox *m_sinceCheck = nullptr;
    QDateTimeEdit *m_since = nullptr;
    QCheckBox *m_untilCheck = nullptr;
    QDateTimeEdit *m_until = nullptr;
    QPushButton *m_loadMore = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QTimer m_filterTimer;
    bool m_admin = false;
    QPointer<const CallerAccess> m_access;
};

} // namespace taskmill
