// Mixed precision: the job's choice per device, autocast on and off, and fp16 loss scaling.

#include <QtTest>

#include <torch/torch.h>

#include <limits>

#include "core/train/precision.h"

using namespace ft::train;

class TestPrecision : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void choiceOnTheCpu() {
        const torch::Device cpu(torch::kCPU);
        QCOMPARE(resolvePrecision("fp32", cpu).precision, Precision::Float32);
        QCOMPARE(resolvePrecision("auto", cpu).precision, Precision::Float32);
        QCOMPARE(resolvePrecision("bf16", cpu).precision, Precision::BFloat16);
        QVERIFY(resolvePrecision("bf16", cpu).warning.empty());
        // fp16 needs a GPU: float32 instead, and the user is told why.
        const PrecisionChoice fp16 = resolvePrecision("fp16", cpu);
        QCOMPARE(fp16.precision, Precision::Float32);
        QVERIFY(fp16.warning.find("CUDA") != std::string::npos);
    }

    void choiceOnAGpu() {
        // Only the device type is looked at: no GPU is needed to ask.
        const torch::Device gpu(torch::kCUDA, 0);
        QCOMPARE(resolvePrecision("auto", gpu).precision, Precision::BFloat16);
        QCOMPARE(resolvePrecision("fp16", gpu).precision, Precision::Float16);
        QVERIFY(resolvePrecision("fp16", gpu).warning.empty());
        QCOMPARE(std::string(precisionName(Precision::Float16)), std::string("fp16"));
    }

    void autocastComputesLinearLayersInBFloat16AndEnds() {
        torch::manual_seed(3);
        torch::nn::Linear linear(8, 4);
        const torch::Tensor x = torch::randn({2, 8});
        const torch::Tensor exact = linear->forward(x);
        {
            AutocastScope outer(Precision::BFloat16, torch::kCPU);
            const torch::Tensor y = linear->forward(x);
            QCOMPARE(y.scalar_type(), torch::kBFloat16);
            // Close to float32, within bfloat16's 8-bit mantissa.
            QVERIFY((y.to(torch::kFloat) - exact).abs().max().item<float>() < 0.05f);
            {
                AutocastScope inner(Precision::BFloat16, torch::kCPU);
                QCOMPARE(linear->forward(x).scalar_type(), torch::kBFloat16);
            }
            // Leaving the inner scope keeps the outer one on.
            QCOMPARE(linear->forward(x).scalar_type(), torch::kBFloat16);
            // Parameters stay float32 (the master weights).
            QCOMPARE(linear->weight.scalar_type(), torch::kFloat);
        }
        const torch::Tensor after = linear->forward(x);
        QCOMPARE(after.scalar_type(), torch::kFloat);
        QVERIFY(torch::equal(after, exact));
        {
            AutocastScope none(Precision::Float32, torch::kCPU);
            QVERIFY(torch::equal(linear->forward(x), exact));
        }
    }

    void gradientsFlowThroughAutocastToFloat32Weights() {
        torch::manual_seed(4);
        torch::nn::Linear linear(8, 3);
        const torch::Tensor x = torch::randn({5, 8});
        const torch::Tensor labels = torch::tensor({0, 1, 2, 1, 0}, torch::kLong);
        torch::Tensor logits;
        {
            AutocastScope autocast(Precision::BFloat16, torch::kCPU);
            logits = linear->forward(x);
        }
        torch::nn::functional::cross_entropy(logits.to(torch::kFloat), labels).backward();
        QCOMPARE(linear->weight.grad().scalar_type(), torch::kFloat);
        QVERIFY(torch::isfinite(linear->weight.grad()).all().item<bool>());
        QVERIFY(linear->weight.grad().abs().sum().item<float>() > 0);
    }

    void lossScalerUnscalesAndBacksOffOnOverflow() {
        LossScaler scaler(true);
        QCOMPARE(scaler.scale(), LossScaler::kInitialScale);
        torch::Tensor w = torch::zeros({3}, torch::requires_grad());
        (w * torch::tensor({1.0f, 2.0f, 3.0f})).sum().mul(scaler.scale()).backward();
        QVERIFY(scaler.unscale({w}));
        QVERIFY(torch::allclose(w.grad(), torch::tensor({1.0f, 2.0f, 3.0f})));
        scaler.update(true);
        QCOMPARE(scaler.cleanSteps(), int64_t(1));

        w.mutable_grad().fill_(std::numeric_limits<float>::infinity());
        QVERIFY(!scaler.unscale({w}));
        scaler.update(false);
        QCOMPARE(scaler.scale(), LossScaler::kInitialScale / 2);
        QCOMPARE(scaler.cleanSteps(), int64_t(0));

        // A NaN is an overflow too.
        w.mutable_grad().fill_(std::numeric_limits<float>::quiet_NaN());
        QVERIFY(!scaler.unscale({w}));
    }

    void lossScalerGrowsAfterCleanSteps() {
        LossScaler scaler(true);
        scaler.restore(1024, LossScaler::kGrowthInterval - 1);
        scaler.update(true);
        QCOMPARE(scaler.scale(), 2048.0);
        QCOMPARE(scaler.cleanSteps(), int64_t(0));
    }

    void disabledScalerChangesNothing() {
        LossScaler scaler;
        QCOMPARE(scaler.scale(), 1.0);
        torch::Tensor w = torch::zeros({2}, torch::requires_grad());
        (w * 3).sum().backward();
        w.mutable_grad()[0] = std::numeric_limits<float>::infinity();
        QVERIFY(scaler.unscale({w}));  // non-finite gradients are the trainer's NaN check's business
        QCOMPARE(w.grad()[1].item<float>(), 3.0f);
        scaler.update(false);
        QCOMPARE(scaler.scale(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestPrecision)
#include "test_precision.moc"
