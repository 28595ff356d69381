#pragma once
// tests/hub_server.py, the stand-in Hugging Face Hub, run for one test suite: its repositories are
// folders under root(); its request log and misbehaviour switches are files there.

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>

class HubTestServer {
public:
    ~HubTestServer();

    // Starts the server on a free port; an error message, or empty on success.
    QString start(const QString& root);
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString root() const { return m_root; }

    // Copies `sourceFolder`'s files into the repository `repoId` ("org/name").
    bool addRepo(const QString& repoId, const QString& sourceFolder);
    bool addFile(const QString& repoId, const QString& path, const QByteArray& bytes);

    // Requests since the last clearLog(): {method, path, range, authorization, status, dropped}.
    QList<QJsonObject> log() const;
    void clearLog();
    // The switches of hub_server.py's _modes.json; an empty object turns them all off.
    void setModes(const QJsonObject& modes);

private:
    QProcess m_process;
    QString m_root;
    int m_port = 0;
};
