// removeTree: the POSIX replacement for std::filesystem::remove_all (see core/io/remove_tree.h).

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include "core/io/remove_tree.h"

class TestRemoveTree : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void removesNestedFoldersFilesAndLinksButNotTheirTargets() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.filePath(QStringLiteral("tree"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/a/b/c")));
        for (const char* f : {"/x.txt", "/a/y.txt", "/a/b/c/z.bin"}) {
            QFile file(root + QLatin1String(f));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("data");
        }
        const QString outside = dir.filePath(QStringLiteral("keep.txt"));
        QFile keep(outside);
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("keep");
        keep.close();
        QVERIFY(::symlink(outside.toUtf8().constData(), (root + QStringLiteral("/a/link")).toUtf8().constData()) == 0);

        std::error_code ec;
        QVERIFY(ft::io::removeTree(root.toStdString(), ec));
        QVERIFY(!ec);
        QVERIFY(!QFileInfo::exists(root));
        QVERIFY(QFileInfo::exists(outside));   // the link went, not what it pointed to

        QVERIFY(ft::io::removeTree(root.toStdString(), ec));   // missing: nothing to do, no error
        QVERIFY(!ec);
        QVERIFY(ft::io::removeTree(outside.toStdString(), ec));   // a plain file
        QVERIFY(!QFileInfo::exists(outside));
    }
};

QTEST_GUILESS_MAIN(TestRemoveTree)
#include "test_remove_tree.moc"
