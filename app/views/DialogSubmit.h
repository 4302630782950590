// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QDialog>
#include <QFuture>
#include <QPushButton>

#include <functional>

namespace taskmill {

// The last step of an admin form dialog (user, token, invite): while `request` runs, `busy` is set and OK is
// disabled; a refusal goes to `showError` (which puts it at its field), an answer to `done`, and the dialog
// closes. The continuation runs in the dialog's context, so a dialog closed meanwhile is never touched.
template<typename T>
void finishSubmit(QDialog *dialog, bool &busy, QPushButton *ok, QFuture<Result<T>> request,
                  std::function<void(const ApiError &)> showError, std::function<void(const T &)> done)
{
    busy = true;
    ok->setEnabled(false);
    request.then(dialog, [dialog, &busy, ok, showError = std::move(showError), done = std::move(done)](Result<T> result) {
        busy = false;
        ok->setEnabled(true);
        if (!result) {
            showError(result.error());
            return;
        }
        done(*result);
        dialog->accept();
    });
}

} // namespace taskmill
