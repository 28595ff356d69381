#pragma once
// A metric value that is either defined or carries the reason it is not. Undefined is never a
// silent 0: that is where sklearn, Fairlearn, AIF360 and TFMA disagree most (fairness-eval.md §1.2).

#include <limits>
#include <string>

namespace ft::eval {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct MetricValue {
    double value = kNaN;
    bool defined = false;
    std::string reason;  // "no_predicted_positives", "no_true_positives", "empty_group", ...
    double ciLow = kNaN;
    double ciHigh = kNaN;
    int nValidReplicates = 0;  // bootstrap replicates in which the value was defined
    std::string ciMethod;      // "", "wilson" (analytic, rates only) or "percentile_bootstrap"

    static MetricValue of(double v) {
        MetricValue m;
        m.value = v;
        m.defined = true;
        return m;
    }
    static MetricValue undefined(std::string why) {
        MetricValue m;
        m.reason = std::move(why);
        return m;
    }
};

// What a 0/0 (or x/0) becomes. Undefined is the app's default; Zero reproduces sklearn's
// zero_division=0 and Fairlearn's confusion_matrix(normalize="true") fill; One is sklearn's zd=1.
enum class ZeroDivision { Undefined, Zero, One };

inline MetricValue safeDivide(double num, double den, const char* reason, ZeroDivision zd) {
    if (den != 0.0) return MetricValue::of(num / den);
    switch (zd) {
        case ZeroDivision::Zero: return MetricValue::of(0.0);
        case ZeroDivision::One: return MetricValue::of(1.0);
        case ZeroDivision::Undefined: break;
    }
    return MetricValue::undefined(reason);
}

const char* zeroDivisionName(ZeroDivision zd);

}  // namespace ft::eval
