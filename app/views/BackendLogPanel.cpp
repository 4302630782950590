// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/BackendLogPanel.h"

#include "client/LocalBackend.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace taskmill {

BackendLogPanel::BackendLogPanel(LocalBackend &backend, QWidget *parent)
    : QWidget(parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("backendLog"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setMaximumBlockCount(LocalBackend::MaxLogLines);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("No local backend was started."));
    for (const QString &line : backend.logLines())
        m_text->appendPlainText(line);
    connect(&backend, &LocalBackend::logLineAdded, m_text, &QPlainTextEdit::appendPlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
}

QString BackendLogPanel::text() const
{
    return m_text->toPlainText();
}

} // namespace taskmill
