// RoPE scaling types against their formulas evaluated independently in doubles (transformers'
// modeling_rope_utils), a few values checked by hand, and clear errors for what is not implemented.

#include <QtTest>

#include <algorithm>
#include <cmath>

#include <torch/torch.h>

#include "core/models/rope.h"

using namespace ft;

namespace {

constexpr double kPi = 3.14159265358979323846;

io::LlamaConfig configWith(const std::string& type, const nlohmann::json& scaling, double theta, int64_t maxPositions) {
    io::LlamaConfig c;
    c.ropeType = type;
    c.ropeScaling = scaling;
    c.ropeTheta = theta;
    c.maxPositionEmbeddings = maxPositions;
    return c;
}

models::RopeSettings settingsOf(const io::LlamaConfig& c) {
    auto r = models::ropeSettings(c);
    if (!r) qFatal("%s", r.error().describe().c_str());
    return *r;
}

std::vector<double> invFreqOf(const models::RopeSettings& rope, int64_t headDim, int64_t seqLen) {
    torch::Tensor t = models::ropeInvFreq(rope, headDim, seqLen, torch::kCPU).to(torch::kDouble).contiguous();
    return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

double plainInvFreq(double theta, int64_t i, int64_t D) { return std::pow(theta, -2.0 * double(i) / double(D)); }

// Relative agreement of a float32 computation with a double one.
bool closeTo(double actual, double expected, double rel = 2e-6) { return std::abs(actual - expected) <= rel * std::abs(expected); }

QString mismatch(size_t i, double actual, double expected) {
    return QStringLiteral("inv_freq[%1] = %2, expected %3").arg(i).arg(actual, 0, 'g', 10).arg(expected, 0, 'g', 10);
}

}  // namespace

class TestRope : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linearDividesTheFrequencies() {
        auto rope = settingsOf(configWith("linear", {{"rope_type", "linear"}, {"factor", 4.0}}, 10000.0, 2048));
        const auto f = invFreqOf(rope, 32, 10);
        for (size_t i = 0; i < f.size(); ++i) {
            const double expected = plainInvFreq(10000.0, int64_t(i), 32) / 4.0;
            QVERIFY2(closeTo(f[i], expected), qPrintable(mismatch(i, f[i], expected)));
        }
    }

    // Llama 3.1 8B: theta 500000, D 128, factor 8, low 1, high 4, original context 8192.
    void llama3() {
        const nlohmann::json scaling = {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                                        {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 8192}};
        auto rope = settingsOf(configWith("llama3", scaling, 500000.0, 131072));
        const auto f = invFreqOf(rope, 128, 16);
        QCOMPARE(f.size(), size_t(64));
        for (size_t i = 0; i < f.size(); ++i) {
            const double base = plainInvFreq(500000.0, int64_t(i), 128), wavelen = 2 * kPi / base;
            double expected = base;                                  // short wavelengths: unchanged
            if (wavelen > 8192.0 / 1.0) expected = base / 8.0;       // long: interpolated
            else if (wavelen >= 8192.0 / 4.0) {                      // between: blended
                const double smooth = (8192.0 / wavelen - 1.0) / (4.0 - 1.0);
                expected = (1 - smooth) * base / 8.0 + smooth * base;
            }
            QVERIFY2(closeTo(f[i], expected), qPrintable(mismatch(i, f[i], expected)));
        }
        // By hand: i=0 keeps 1; i=30 (wavelength 2948) is blended to 0.00137189; i=63 is 2.45514e-6 / 8.
        QCOMPARE(f[0], 1.0);
        QVERIFY2(closeTo(f[30], 0.0013718936, 1e-6), qPrintable(mismatch(30, f[30], 0.0013718936)));
        QVERIFY2(closeTo(f[63], 3.068926e-7, 1e-5), qPrintable(mismatch(63, f[63], 3.068926e-7)));
    }

    void dynamicGrowsTheBasePastTheTrainedLength() {
        auto rope = settingsOf(configWith("dynamic", {{"rope_type", "dynamic"}, {"factor", 2.0}}, 10000.0, 32));
        const auto within = invFreqOf(rope, 16, 32);
        for (size_t i = 0; i < within.size(); ++i) QVERIFY(closeTo(within[i], plainInvFreq(10000.0, int64_t(i), 16)));
        const auto beyond = invFreqOf(rope, 16, 64);
        const double base = 10000.0 * std::pow(2.0 * 64 / 32 - (2.0 - 1), 16.0 / 14.0);  // 35097.92
        for (size_t i = 0; i < beyond.size(); ++i)
            QVERIFY2(closeTo(beyond[i], plainInvFreq(base, int64_t(i), 16), 5e-6), qPrintable(mismatch(i, beyond[i], plainInvFreq(base, int64_t(i), 16))));
        QVERIFY2(closeTo(beyond[1], 0.27029613, 5e-6), qPrintable(mismatch(1, beyond[1], 0.27029613)));  // 35097.92^(-1/8)
    }

    // theta 10000, D 64, factor 4, original 2048: correction range [floor(8.06), ceil(20.11)] = [8, 21].
    void yarn() {
        const nlohmann::json scaling = {{"rope_type", "yarn"}, {"factor", 4.0}, {"original_max_position_embeddings", 2048}};
        auto rope = settingsOf(configWith("yarn", scaling, 10000.0, 8192));
        const double D = 64, original = 2048, factor = 4;
        auto correction = [&](double rotations) { return D * std::log(original / (rotations * 2 * kPi)) / (2 * std::log(10000.0)); };
        const double low = std::max(std::floor(correction(32)), 0.0), high = std::min(std::ceil(correction(1)), D - 1);
        QCOMPARE(low, 8.0);
        QCOMPARE(high, 21.0);
        const auto f = invFreqOf(rope, 64, 16);
        for (size_t i = 0; i < f.size(); ++i) {
            const double extrapolation = plainInvFreq(10000.0, int64_t(i), 64), interpolation = extrapolation / factor;
            const double ramp = std::clamp((double(i) - low) / (high - low), 0.0, 1.0);
            const double expected = interpolation * ramp + extrapolation * (1 - ramp);
            QVERIFY2(closeTo(f[i], expected), qPrintable(mismatch(i, f[i], expected)));
        }
        QCOMPARE(f[0], 1.0);
        // attention_factor = 0.1 ln 4 + 1 scales cos and sin.
        QVERIFY(std::abs(rope.attentionFactor - 1.1386294361) < 1e-9);
        auto [cos, sin] = models::ropeCosSin(rope, 64, 3, torch::kCPU);
        QVERIFY(std::abs(cos[0][0].item<double>() - 1.1386294361) < 1e-6);
        QVERIFY(std::abs(sin[2][0].item<double>() - 1.1386294361 * std::sin(2.0)) < 1e-6);
    }

    void yarnAttentionFactorFromMscale() {
        const nlohmann::json scaling = {{"rope_type", "yarn"}, {"factor", 40.0}, {"mscale", 1.0}, {"mscale_all_dim", 0.707},
                                        {"original_max_position_embeddings", 4096}};
        auto rope = settingsOf(configWith("yarn", scaling, 10000.0, 163840));
        const double expected = (0.1 * 1.0 * std::log(40.0) + 1) / (0.1 * 0.707 * std::log(40.0) + 1);
        QVERIFY(std::abs(rope.attentionFactor - expected) < 1e-12);
    }

    void problemsNameTheField_data() {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("scaling");
        QTest::addColumn<QByteArray>("field");
        QTest::newRow("longrope") << QByteArray("longrope") << QByteArray(R"({"rope_type":"longrope","short_factor":[1],"long_factor":[2]})")
                                  << QByteArray("rope_scaling.rope_type");
        QTest::newRow("llama3 without low_freq_factor")
            << QByteArray("llama3") << QByteArray(R"({"rope_type":"llama3","factor":8.0,"high_freq_factor":4.0,"original_max_position_embeddings":8192})")
            << QByteArray("rope_scaling.low_freq_factor");
        QTest::newRow("dynamic factor as text") << QByteArray("dynamic") << QByteArray(R"({"rope_type":"dynamic","factor":"2"})") << QByteArray("rope_scaling.factor");
        QTest::newRow("llama3 high <= low")
            << QByteArray("llama3")
            << QByteArray(R"({"rope_type":"llama3","factor":8.0,"low_freq_factor":4.0,"high_freq_factor":1.0,"original_max_position_embeddings":8192})")
            << QByteArray("rope_scaling.high_freq_factor");
    }
    void problemsNameTheField() {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, scaling);
        QFETCH(QByteArray, field);
        auto r = models::ropeSettings(configWith(type.toStdString(), nlohmann::json::parse(scaling.toStdString()), 10000.0, 2048));
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error().code), QStringLiteral("model.unsupported_rope"));
        QCOMPARE(QByteArray::fromStdString(r.error().field), field);
        QVERIFY2(r.error().message.find(type.toStdString()) != std::string::npos, r.error().message.c_str());
    }
};

QTEST_APPLESS_MAIN(TestRope)
#include "test_rope.moc"
