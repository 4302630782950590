// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLabel>

namespace taskmill {

class PauseState;

// The status bar's word on paused work, so a paused queue shows on every page: "Paused: High queue, type
// email" (or "3 paused" when more are), hidden while nothing is paused. The tooltip lists each pause with who
// paused it and when. Plain text: type names and actors are the server's text.
class PauseIndicator final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PauseIndicator)

public:
    static constexpr int MaxNamed = 2; // more pauses than this are counted, not named: the status bar is narrow

    explicit PauseIndicator(const PauseState &state, QWidget *parent = nullptr);

private:
    void showPauses();

    const PauseState &m_state;
};

} // namespace taskmill
