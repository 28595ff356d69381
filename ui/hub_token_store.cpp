#include "ui/hub_token_store.h"

#ifdef FT_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace ft::ui {

namespace {
#ifdef FT_HAVE_QTKEYCHAIN
const QString kService = QStringLiteral("Finetune Studio");
const QString kKey = QStringLiteral("huggingface-token");
#endif
}  // namespace

HubTokenStore::HubTokenStore(QObject* parent) : QObject(parent) {}

bool HubTokenStore::compiledIn() {
#ifdef FT_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

void HubTokenStore::load() {
#ifdef FT_HAVE_QTKEYCHAIN
    auto* job = new QKeychain::ReadPasswordJob(kService, this);  // deletes itself when finished
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        if (job->error() == QKeychain::NoError) Q_EMIT loaded(job->textData());
        else if (job->error() == QKeychain::EntryNotFound) Q_EMIT loaded(QString());
        else Q_EMIT failed(job->errorString());
    });
    job->start();
#else
    QMetaObject::invokeMethod(this, [this]() { Q_EMIT failed(tr("this build has no keychain support")); }, Qt::QueuedConnection);
#endif
}

void HubTokenStore::save(const QString& token) {
#ifdef FT_HAVE_QTKEYCHAIN
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(kKey);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        if (job->error() == QKeychain::NoError) Q_EMIT saved();
        else Q_EMIT failed(job->errorString());
    });
    job->start();
#else
    (void)token;
    QMetaObject::invokeMethod(this, [this]() { Q_EMIT failed(tr("this build has no keychain support")); }, Qt::QueuedConnection);
#endif
}

void HubTokenStore::remove() {
#ifdef FT_HAVE_QTKEYCHAIN
    auto* job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound) Q_EMIT saved();
        else Q_EMIT failed(job->errorString());
    });
    job->start();
#else
    QMetaObject::invokeMethod(this, [this]() { Q_EMIT failed(tr("this build has no keychain support")); }, Qt::QueuedConnection);
#endif
}

}  // namespace ft::ui
