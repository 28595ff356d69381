#pragma once
// The Hugging Face access token in the operating system's keychain (Secret Service / KWallet on
// Linux, Keychain on macOS, Credential Manager on Windows) through QtKeychain. Asynchronous: the
// keychain may ask the user to unlock it. Where the build has no QtKeychain or the system no
// keychain, every request fails with a reason and the token stays for this session only.

#include <QObject>
#include <QString>

namespace ft::ui {

class HubTokenStore : public QObject {
    Q_OBJECT
public:
    explicit HubTokenStore(QObject* parent = nullptr);

    static bool compiledIn();   // this build can reach a keychain at all

    void load();                        // → loaded(token) ("" when none is stored) or failed()
    void save(const QString& token);    // → saved() or failed()
    void remove();                      // → saved() or failed()

Q_SIGNALS:
    void loaded(const QString& token);
    void saved();
    void failed(const QString& why);
};

}  // namespace ft::ui
