// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/ProfileValidator.h"

#include "client/PublicKeyPin.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>

namespace taskmill {

QString ProfileValidator::checkUrl(const QUrl &url)
{
    if (url.isEmpty())
        return tr("Enter the backend URL, e.g. http://host:8080.");
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        return tr("Not a backend URL: %1 (expected e.g. http://host:8080)").arg(url.toDisplayString());
    if (url.hasQuery() || url.hasFragment())
        return tr("The URL must not have a query or fragment.");
    return {};
}

QList<ProfileValidator::Problem> ProfileValidator::validate(const ConnectionProfile &profile,
                                                             const QStringList &otherNames)
{
    QList<Problem> problems;
    const QString name = profile.name.trimmed();
    if (name.isEmpty())
        problems.append({Field::Name, tr("Enter a name for the connection.")});
    else if (otherNames.contains(name, Qt::CaseInsensitive))
        problems.append({Field::Name, tr("Another connection is already called %1.").arg(name)});

    if (const QString urlProblem = checkUrl(profile.baseUrl); !urlProblem.isEmpty())
        problems.append({Field::Url, urlProblem});
    else if (!profile.baseUrl.password().isEmpty())
        problems.append({Field::Url, tr("Put the password in the password field, not in the URL.")});

    if (profile.auth == ConnectionProfile::Auth::Password && profile.user.trimmed().isEmpty())
        problems.append({Field::User, tr("Password authentication needs a user name.")});

    if (!profile.caCertificateFile.isEmpty()) {
        const QFileInfo info(profile.caCertificateFile);
        if (!info.isFile() || !info.isReadable())
            problems.append({Field::CaCertificate, tr("Cannot read %1.").arg(profile.caCertificateFile)});
        else if (QSslCertificate::fromPath(profile.caCertificateFile, QSsl::Pem).isEmpty())
            problems.append({Field::CaCertificate, tr("%1 holds no PEM certificate.").arg(profile.caCertificateFile)});
        else if (!profile.isTls())
            problems.append({Field::CaCertificate, tr("A CA certificate is used only with an https:// URL.")});
    }

    for (const QString &pin : profile.pinnedKeys) {
        if (!PublicKeyPin::normalised(pin))
            problems.append({Field::PinnedKeys,
                              tr("Not a public key pin: %1 (expected sha256// and 44 base64 characters).").arg(pin)});
    }
    if (!profile.pinnedKeys.isEmpty() && !profile.isTls())
        problems.append({Field::PinnedKeys, tr("Pinned keys are used only with an https:// URL.")});
    return problems;
}

} // namespace taskmill
