#include "hub_test_server.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

HubTestServer::~HubTestServer() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel();  // the server exits when its stdin closes
        if (!m_process.waitForFinished(5000)) m_process.kill(), m_process.waitForFinished(5000);
    }
}

QString HubTestServer::start(const QString& root) {
    m_root = root;
    QDir().mkpath(root);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(FT_HUB_SERVER), QStringLiteral("--root"), root});
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("cannot start /usr/bin/python3 ") + QStringLiteral(FT_HUB_SERVER);
    while (!m_process.canReadLine())
        if (!m_process.waitForReadyRead(10000)) return QStringLiteral("hub_server.py printed no port");
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    m_port = line.section(QLatin1Char(' '), 1).toInt();
    return m_port > 0 ? QString() : QStringLiteral("hub_server.py said '%1'").arg(line);
}

bool HubTestServer::addRepo(const QString& repoId, const QString& sourceFolder) {
    QDirIterator it(sourceFolder, QDir::Files, QDirIterator::Subdirectories);
    bool ok = true;
    while (it.hasNext()) {
        const QString file = it.next();
        QFile in(file);
        ok = ok && in.open(QIODevice::ReadOnly) &&
             addFile(repoId, QDir(sourceFolder).relativeFilePath(file), in.readAll());
    }
    return ok;
}

bool HubTestServer::addFile(const QString& repoId, const QString& path, const QByteArray& bytes) {
    const QString target = m_root + QLatin1Char('/') + repoId + QLatin1Char('/') + path;
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile out(target);
    return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(bytes) == bytes.size();
}

QList<QJsonObject> HubTestServer::log() const {
    QList<QJsonObject> out;
    QFile f(m_root + QStringLiteral("/_log.jsonl"));
    if (!f.open(QIODevice::ReadOnly)) return out;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.isEmpty()) out.append(QJsonDocument::fromJson(line).object());
    return out;
}

void HubTestServer::clearLog() {
    QFile::remove(m_root + QStringLiteral("/_log.jsonl"));
}

void HubTestServer::setModes(const QJsonObject& modes) {
    QFile f(m_root + QStringLiteral("/_modes.json"));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(QJsonDocument(modes).toJson());
}
