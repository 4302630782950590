// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/ApiError.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

Q_DECLARE_METATYPE(taskmill::ErrorCode)

namespace {
const QList<ErrorCode> allCodes = {ErrorCode::BadRequest,   ErrorCode::Validation, ErrorCode::Unauthorized,
                                   ErrorCode::Forbidden,    ErrorCode::NotFound,   ErrorCode::Conflict,
                                   ErrorCode::PayloadTooLarge, ErrorCode::Gone,    ErrorCode::Unavailable,
                                   ErrorCode::Internal};
} // namespace

class TestApiError : public QObject
{
    Q_OBJECT

private slots:
    void every_code_maps_to_its_http_status_and_wire_name_data();
    void every_code_maps_to_its_http_status_and_wire_name();
    void http_status_maps_back_to_the_code_data();
    void http_status_maps_back_to_the_code();
    void codes_have_distinct_statuses_and_names();
    void to_json_writes_the_error_envelope();
    void to_json_omits_an_empty_field();
    void from_json_round_trips_every_code_data();
    void from_json_round_trips_every_code();
    void from_json_prefers_the_body_code_over_the_status();
    void from_json_falls_back_to_the_status_data();
    void from_json_falls_back_to_the_status();
    void factories_set_code_field_and_message();
};

void TestApiError::every_code_maps_to_its_http_status_and_wire_name_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");

    QTest::newRow("BadRequest") << ErrorCode::BadRequest << 400 << u"bad_request"_s;
    QTest::newRow("Unauthorized") << ErrorCode::Unauthorized << 401 << u"unauthorized"_s;
    QTest::newRow("Forbidden") << ErrorCode::Forbidden << 403 << u"forbidden"_s;
    QTest::newRow("NotFound") << ErrorCode::NotFound << 404 << u"not_found"_s;
    QTest::newRow("Conflict") << ErrorCode::Conflict << 409 << u"conflict"_s;
    QTest::newRow("Gone") << ErrorCode::Gone << 410 << u"gone"_s;
    QTest::newRow("PayloadTooLarge") << ErrorCode::PayloadTooLarge << 413 << u"payload_too_large"_s;
    QTest::newRow("Validation") << ErrorCode::Validation << 422 << u"validation"_s;
    QTest::newRow("Internal") << ErrorCode::Internal << 500 << u"internal"_s;
    QTest::newRow("Unavailable") << ErrorCode::Unavailable << 503 << u"unavailable"_s;
}

void TestApiError::every_code_maps_to_its_http_status_and_wire_name()
{
    QFETCH(ErrorCode, code);
    QFETCH(int, status);
    QFETCH(QString, name);
    QCOMPARE(httpStatus(code), status);
    QCOMPARE(toString(code), name);
}

void TestApiError::http_status_maps_back_to_the_code_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("400") << 400 << ErrorCode::BadRequest;
    QTest::newRow("401") << 401 << ErrorCode::Unauthorized;
    QTest::newRow("403") << 403 << ErrorCode::Forbidden;
    QTest::newRow("404") << 404 << ErrorCode::NotFound;
    QTest::newRow("409") << 409 << ErrorCode::Conflict;
    QTest::newRow("410") << 410 << ErrorCode::Gone;
    QTest::newRow("413") << 413 << ErrorCode::PayloadTooLarge;
    QTest::newRow("422") << 422 << ErrorCode::Validation;
    QTest::newRow("500") << 500 << ErrorCode::Internal;
    QTest::newRow("503") << 503 << ErrorCode::Unavailable;
    QTest::newRow("418 unknown") << 418 << ErrorCode::Internal;
    QTest::newRow("502 unknown") << 502 << ErrorCode::Internal;
    QTest::newRow("200 not an error") << 200 << ErrorCode::Internal;
    QTest::newRow("0 no reply") << 0 << ErrorCode::Internal;
}

void TestApiError::http_status_maps_back_to_the_code()
{
    QFETCH(int, status);
    QFETCH(ErrorCode, code);
    QCOMPARE(toString(errorCodeFromHttpStatus(status)), toString(code));
}

void TestApiError::codes_have_distinct_statuses_and_names()
{
    QSet<int> statuses;
    QSet<QString> names;
    for (ErrorCode c : allCodes) {
        statuses.insert(httpStatus(c));
        names.insert(toString(c));
        QCOMPARE(toString(errorCodeFromHttpStatus(httpStatus(c))), toString(c));
    }
    QCOMPARE(statuses.size(), allCodes.size());
    QCOMPARE(names.size(), allCodes.size());
}

void TestApiError::to_json_writes_the_error_envelope()
{
    const ApiError e = ApiError::validation(u"[12].priority"_s, u"[12].priority must be one of LOW, MEDIUM, HIGH"_s);
    QCOMPARE(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"error":{"code":"validation","field":"[12].priority","message":"[12].priority must be one of LOW, MEDIUM, HIGH"}})"));
}

void TestApiError::to_json_omits_an_empty_field()
{
    const QJsonObject o = ApiError::notFound(u"no task 42"_s).toJson();
    QCOMPARE(o.keys(), QStringList{u"error"_s});
    const QJsonObject e = o.value(u"error"_s).toObject();
    QCOMPARE(e.keys(), (QStringList{u"code"_s, u"message"_s}));
    QCOMPARE(e.value(u"code"_s), QJsonValue(u"not_found"_s));
    QCOMPARE(e.value(u"message"_s), QJsonValue(u"no task 42"_s));
}

void TestApiError::from_json_round_trips_every_code_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");

    for (ErrorCode c : allCodes) {
        QTest::addRow("%s, no field", qPrintable(toString(c))) << c << QString();
        QTest::addRow("%s, with field", qPrintable(toString(c))) << c << u"title"_s;
    }
}

void TestApiError::from_json_round_trips_every_code()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);
    const ApiError sent{code, u"something went wrong: ünïcode"_s, field};
    const QByteArray wire = QJsonDocument(sent.toJson()).toJson();
    const ApiError got = ApiError::fromJson(QJsonDocument::fromJson(wire).object(), httpStatus(code));
    QCOMPARE(toString(got.code), toString(code));
    QCOMPARE(got.message, sent.message);
    QCOMPARE(got.field, field);
}

void TestApiError::from_json_prefers_the_body_code_over_the_status()
{
    // A proxy may rewrite the status; the body's code is what the server meant.
    const ApiError e = ApiError::fromJson(ApiError::conflict(u"task already finished"_s).toJson(), 400);
    QCOMPARE(toString(e.code), u"conflict"_s);
    QCOMPARE(e.message, u"task already finished"_s);
}

void TestApiError::from_json_falls_back_to_the_status_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty body, 503") << QByteArray("{}") << 503 << ErrorCode::Unavailable << u"HTTP 503"_s;
    QTest::newRow("empty body, 401") << QByteArray("{}") << 401 << ErrorCode::Unauthorized << u"HTTP 401"_s;
    QTest::newRow("empty body, 502") << QByteArray("{}") << 502 << ErrorCode::Internal << u"HTTP 502"_s;
    QTest::newRow("unknown code string") << QByteArray(R"({"error": {"code": "teapot", "message": "short and stout"}})")
                                         << 404 << ErrorCode::NotFound << u"short and stout"_s;
    QTest::newRow("error not an object") << QByteArray(R"({"error": "nope"})") << 413 << ErrorCode::PayloadTooLarge
                                         << u"HTTP 413"_s;
    QTest::newRow("code without message") << QByteArray(R"({"error": {"code": "gone"}})") << 410 << ErrorCode::Gone
                                          << u"HTTP 410"_s;
}

void TestApiError::from_json_falls_back_to_the_status()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    const ApiError e = ApiError::fromJson(QJsonDocument::fromJson(body).object(), status);
    QCOMPARE(toString(e.code), toString(code));
    QCOMPARE(e.message, message);
    QCOMPARE(e.field, QString());
}

void TestApiError::factories_set_code_field_and_message()
{
    const ApiError bad = ApiError::badRequest(u"malformed"_s, u"body"_s);
    QCOMPARE(toString(bad.code), u"bad_request"_s);
    QCOMPARE(bad.message, u"malformed"_s);
    QCOMPARE(bad.field, u"body"_s);
    QCOMPARE(ApiError::badRequest(u"malformed"_s).field, QString());

    // validation() takes the field first.
    const ApiError v = ApiError::validation(u"priority"_s, u"priority is unknown"_s);
    QCOMPARE(toString(v.code), u"validation"_s);
    QCOMPARE(v.field, u"priority"_s);
    QCOMPARE(v.message, u"priority is unknown"_s);

    const QList<std::pair<ApiError, QString>> simple = {{ApiError::notFound(u"m1"_s), u"not_found"_s},
                                                        {ApiError::conflict(u"m2"_s), u"conflict"_s},
                                                        {ApiError::unavailable(u"m3"_s), u"unavailable"_s},
                                                        {ApiError::internal(u"m4"_s), u"internal"_s}};
    int i = 1;
    for (const auto &[e, name] : simple) {
        QCOMPARE(toString(e.code), name);
        QCOMPARE(e.message, u"m%1"_s.arg(i++));
        QCOMPARE(e.field, QString());
    }
    QCOMPARE(toString(ApiError{}.code), u"internal"_s);
}

QTEST_GUILESS_MAIN(TestApiError)
#include "test_ApiError.moc"
