// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ApiDocsPage.h"

#include <QJsonArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {

const QStringList methodOrder{u"get"_s, u"post"_s, u"put"_s, u"patch"_s, u"delete"_s};

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString anchor(const QString &s)
{
    QString a;
    for (const QChar c : s)
        a += c.isLetterOrNumber() ? c.toLower() : u'-';
    return a;
}

// A compact type expression: "Task", "array of Task", "string (uuid)", "integer 1..1000", "one of A | B".
QString typeText(const QJsonObject &schema)
{
    const QString ref = schema.value(u"$ref"_s).toString();
    if (!ref.isEmpty()) {
        const QString name = ref.section(u'/', -1);
        return u"<a href=\"#schema-%1\">%2</a>"_s.arg(anchor(name), esc(name));
    }
    for (const QString &combo : {u"oneOf"_s, u"anyOf"_s, u"allOf"_s}) {
        if (schema.contains(combo)) {
            QStringList parts;
            for (const QJsonValue &v : schema.value(combo).toArray())
                parts << typeText(v.toObject());
            return (combo == u"allOf" ? u"all of "_s : u"one of "_s) + parts.join(combo == u"allOf" ? u" & "_s : u" | "_s);
        }
    }
    QString type;
    const QJsonValue t = schema.value(u"type"_s);
    if (t.isArray()) {
        QStringList names;
        for (const QJsonValue &v : t.toArray())
            names << v.toString();
        type = names.join(u" | "_s);
    } else {
        type = t.toString(u"any"_s);
    }
    if (type == u"array")
        return u"array of "_s + typeText(schema.value(u"items"_s).toObject());
    QString out = esc(type);
    if (schema.contains(u"format"_s))
        out += u" (%1)"_s.arg(esc(schema.value(u"format"_s).toString()));
    if (schema.contains(u"enum"_s)) {
        QStringList values;
        for (const QJsonValue &v : schema.value(u"enum"_s).toArray())
            values << u"<code>%1</code>"_s.arg(esc(v.isString() ? v.toString() : QString::number(v.toDouble())));
        out += u": "_s + values.join(u", "_s);
    }
    if (schema.contains(u"minimum"_s) || schema.contains(u"maximum"_s))
        out += u" %1..%2"_s.arg(schema.contains(u"minimum"_s) ? QString::number(schema.value(u"minimum"_s).toDouble()) : QString(),
                                schema.contains(u"maximum"_s) ? QString::number(schema.value(u"maximum"_s).toDouble()) : QString());
    return out;
}

QString propertiesTable(const QJsonObject &schema)
{
    const QJsonObject props = schema.value(u"properties"_s).toObject();
    if (props.isEmpty())
        return {};
    QStringList required;
    for (const QJsonValue &v : schema.value(u"required"_s).toArray())
        required << v.toString();
    QString out = u"<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>"_s;
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        out += u"<tr><td><code>%1</code>%2</td><td>%3</td><td>%4</td></tr>"_s.arg(
            esc(it.key()), required.contains(it.key()) ? u" <span class=req>required</span>"_s : QString(), typeText(p),
            esc(p.value(u"description"_s).toString()));
    }
    return out + u"</table>"_s;
}

QString contentText(const QJsonObject &content)
{
    QString out;
    for (auto it = content.begin(); it != content.end(); ++it)
        out += u"<div><code>%1</code>: %2</div>"_s.arg(esc(it.key()), typeText(it.value().toObject().value(u"schema"_s).toObject()));
    return out;
}

QJsonObject resolve(const QJsonObject &root, const QJsonObject &maybeRef)
{
    const QString ref = maybeRef.value(u"$ref"_s).toString();
    if (!ref.startsWith(u"#/"))
        return maybeRef;
    QJsonObject node = root;
    for (const QString &part : ref.mid(2).split(u'/'))
        node = node.value(part).toObject();
    return node;
}

QString operationHtml(const QJsonObject &root, const QString &path, const QString &method, const QJsonObject &op,
                      const QJsonArray &pathParams)
{
    QString out = u"<section class=op id=\"op-%1\"><h3><span class=\"m %2\">%3</span> <code>%4</code></h3>"_s.arg(
        anchor(method + path), method, method.toUpper(), esc(path));
    if (op.contains(u"summary"_s))
        out += u"<p class=summary>%1</p>"_s.arg(esc(op.value(u"summary"_s).toString()));
    if (op.contains(u"description"_s))
        out += u"<p>%1</p>"_s.arg(esc(op.value(u"description"_s).toString()));
    QJsonArray params = pathParams;
    for (const QJsonValue &v : op.value(u"parameters"_s).toArray())
        params.append(v);
    if (!params.isEmpty()) {
        out += u"<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>"_s;
        for (const QJsonValue &v : params) {
            const QJsonObject p = resolve(root, v.toObject());
            out += u"<tr><td><code>%1</code>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>"_s.arg(
                esc(p.value(u"name"_s).toString()),
                p.value(u"required"_s).toBool() ? u" <span class=req>required</span>"_s : QString(),
                esc(p.value(u"in"_s).toString()), typeText(p.value(u"schema"_s).toObject()),
                esc(p.value(u"description"_s).toString()));
        }
        out += u"</table>"_s;
    }
    if (op.contains(u"requestBody"_s)) {
        const QJsonObject body = resolve(root, op.value(u"requestBody"_s).toObject());
        out += u"<h4>Request body</h4>"_s;
        if (body.contains(u"description"_s))
            out += u"<p>%1</p>"_s.arg(esc(body.value(u"description"_s).toString()));
        out += contentText(body.value(u"content"_s).toObject());
    }
    out += u"<h4>Responses</h4><table><tr><th>Status</th><th>Description</th><th>Body</th></tr>"_s;
    const QJsonObject responses = op.value(u"responses"_s).toObject();
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        const QJsonObject r = resolve(root, it.value().toObject());
        out += u"<tr><td>%1</td><td>%2</td><td>%3</td></tr>"_s.arg(esc(it.key()), esc(r.value(u"description"_s).toString()),
                                                                  contentText(r.value(u"content"_s).toObject()));
    }
    return out + u"</table></section>"_s;
}

const char *const css = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{background:#24344d;color:#fff;padding:18px 32px}header h1{margin:0 0 4px;font-size:24px}
main{max-width:1100px;margin:0 auto;padding:16px 32px}nav ul{columns:2;list-style:none;padding:0}
nav li{margin:2px 0}code{font:13px ui-monospace,monospace;background:#eef1f5;padding:1px 4px;border-radius:3px}
.op{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:4px 18px 12px;margin:14px 0}
.m{display:inline-block;min-width:58px;text-align:center;color:#fff;border-radius:4px;padding:2px 6px;font-size:13px}
.get{background:#2f7dd1}.post{background:#2e9b5b}.put,.patch{background:#c58a12}.delete{background:#c9423a}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}th,td{border:1px solid #e3e7ee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f8;font-weight:600}.req{color:#c9423a;font-size:12px}.summary{font-weight:600}
h2{border-bottom:2px solid #24344d;padding-bottom:4px;margin-top:32px}h4{margin:12px 0 4px}
)";

} // namespace

QByteArray ApiDocsPage::render(const QJsonObject &doc)
{
    const QJsonObject info = doc.value(u"info"_s).toObject();
    const QJsonObject paths = doc.value(u"paths"_s).toObject();
    QString nav, ops;
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        const QJsonObject item = it.value().toObject();
        const QJsonArray pathParams = item.value(u"parameters"_s).toArray();
        for (const QString &method : methodOrder) {
            if (!item.contains(method))
                continue;
            const QJsonObject op = item.value(method).toObject();
            nav += u"<li><a href=\"#op-%1\"><span class=\"m %2\">%3</span> %4</a></li>"_s.arg(
                anchor(method + it.key()), method, method.toUpper(), esc(it.key()));
            ops += operationHtml(doc, it.key(), method, op, pathParams);
        }
    }
    QString schemas;
    const QJsonObject components = doc.value(u"components"_s).toObject().value(u"schemas"_s).toObject();
    for (auto it = components.begin(); it != components.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        schemas += u"<section class=op id=\"schema-%1\"><h3>%2</h3>"_s.arg(anchor(it.key()), esc(it.key()));
        if (s.contains(u"description"_s))
            schemas += u"<p>%1</p>"_s.arg(esc(s.value(u"description"_s).toString()));
        const QString table = propertiesTable(s);
        schemas += table.isEmpty() ? u"<p>%1</p>"_s.arg(typeText(s)) : table;
        schemas += u"</section>"_s;
    }
    const QString html = u"<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
                         "<meta name=viewport content=\"width=device-width, initial-scale=1\"><title>%1 %2</title><style>%3</style></head>"
                         "<body><header><h1>%1</h1><div>Version %2 · <a style=\"color:#cfe0ff\" href=\"/api/v1/openapi.json\">"
                         "openapi.json</a></div></header><main><p>%4</p><nav><h2>Contents</h2><ul>%5</ul></nav>"
                         "<h2>Operations</h2>%6<h2>Schemas</h2>%7</main></body></html>"_s
                             .arg(esc(info.value(u"title"_s).toString()), esc(info.value(u"version"_s).toString()),
                                  QString::fromLatin1(css), esc(info.value(u"description"_s).toString()), nav, ops, schemas);
    return html.toUtf8();
}

} // namespace taskmill
