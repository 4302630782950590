// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/BulkProgressDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace taskmill {

namespace {
// Wide enough for "Cancelled 100,000 of 100,000 tasks." in either language without a jump as the digits grow.
constexpr int MinimumWidthPx = 380;

int clampToInt(qint64 n)
{
    return int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}
} // namespace

BulkProgressDialog::BulkProgressDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("bulkProgressDialog"));
    setModal(false);
    setMinimumWidth(MinimumWidthPx);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("bulkProgressCounts"));
    m_counts->setTextFormat(Qt::PlainText);
    m_bar = new QProgressBar(this);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("bulkProgressDetail"));
    m_detail->setTextFormat(Qt::PlainText); // server messages
    m_detail->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_stop = buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stop->setObjectName(QStringLiteral("stopBulkButton"));
    m_stop->setToolTip(tr("Stop the operation on the server; tasks already changed stay changed"));
    m_hide = buttons->addButton(tr("&Hide"), QDialogButtonBox::RejectRole);
    m_hide->setToolTip(tr("The operation goes on; choose the action again to see its progress"));
    connect(m_stop, &QPushButton::clicked, this, &BulkProgressDialog::stopRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addWidget(m_bar);
    layout->addWidget(m_detail);
    layout->addWidget(buttons);
}

void BulkProgressDialog::begin(BulkAction action)
{
    m_action = action;
    setWindowTitle(action == BulkAction::Cancel ? tr("Cancelling Tasks") : tr("Retrying Tasks"));
    m_counts->setText(tr("Starting…"));
    m_detail->clear();
    m_bar->setRange(0, 0); // busy until the first count
    m_stop->setEnabled(false);
}

void BulkProgressDialog::showOperation(const BulkOperation &op)
{
    const QLocale locale;
    const QString done = locale.toString(op.done);
    const QString total = locale.toString(op.total);
    m_counts->setText(m_action == BulkAction::Cancel ? tr("Cancelled %1 of %2 tasks.").arg(done, total)
                                                     : tr("Retried %1 of %2 tasks.").arg(done, total));
    // A bar of 0..0 would show "busy" for an operation with nothing to do.
    m_bar->setRange(0, qMax(1, clampToInt(op.total)));
    m_bar->setValue(op.total == 0 ? 1 : clampToInt(op.done + op.failed));
    QStringList detail;
    if (op.failed > 0)
        detail << tr("%Ln task(s) could not be changed.", nullptr, clampToInt(op.failed));
    switch (op.state) {
    case BulkState::Stopping: detail << tr("Stopping…"); break;
    case BulkState::Stopped: detail << tr("Stopped."); break;
    case BulkState::Interrupted: detail << tr("Interrupted: %1").arg(op.message); break;
    case BulkState::Failed: detail << tr("Failed: %1").arg(op.message); break;
    case BulkState::Running:
    case BulkState::Completed: break;
    }
    m_detail->setText(detail.join(u'\n'));
    m_stop->setEnabled(op.state == BulkState::Running);
}

void BulkProgressDialog::showProblem(const QString &text)
{
    m_detail->setText(text);
}

QString BulkProgressDialog::progressText() const
{
    return m_counts->text();
}

} // namespace taskmill
