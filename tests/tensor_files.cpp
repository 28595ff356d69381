#include "tensor_files.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <cstring>

#include <torch/torch.h>

#include "core/io/checkpoint.h"
#include "core/io/safetensors.h"

void writeRaw(const QString& file, const torch::Tensor& t) {
    QFile f(file);
    f.open(QIODevice::WriteOnly);
    auto c = t.contiguous();
    f.write(reinterpret_cast<const char*>(c.data_ptr()), qint64(c.numel() * c.element_size()));
}

torch::Tensor readFloats(const QString& file, at::IntArrayRef shape) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = f.readAll();
    auto t = torch::empty(shape, torch::kFloat);
    if (bytes.size() != qint64(t.numel() * 4)) return {};
    std::memcpy(t.data_ptr(), bytes.constData(), size_t(bytes.size()));
    return t;
}

torch::Tensor runReference(const QString& script, const QString& workDir, const QString& modelDir, const torch::Tensor& ids,
                           const torch::Tensor& mask, const QStringList& extraArgs, at::IntArrayRef outShape) {
    const QDir dir(workDir);
    writeRaw(dir.filePath(QStringLiteral("ids.bin")), ids);
    writeRaw(dir.filePath(QStringLiteral("mask.bin")), mask);
    QStringList args{QStringLiteral(FT_REFERENCE_DIR "/") + script, modelDir, dir.filePath(QStringLiteral("ids.bin")),
                     dir.filePath(QStringLiteral("mask.bin")), QString::number(ids.size(0)), QString::number(ids.size(1))};
    args += extraArgs;
    args << dir.filePath(QStringLiteral("ref.bin"));
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning("reference failed: %s", p.readAllStandardError().constData());
        return {};
    }
    return readFloats(dir.filePath(QStringLiteral("ref.bin")), outShape);
}

bool writeMalformedCopy(const QString& from, const QString& to, const std::string& dropped, const std::string& reshaped,
                        const std::vector<int64_t>& wrongShape, const std::string& unexpected) {
    auto ckpt = ft::io::Checkpoint::open(from.toStdString());
    if (!ckpt) return false;
    int64_t elements = 1;
    for (int64_t d : wrongShape) elements *= d;
    std::vector<float> bogus(static_cast<size_t>(elements), 0.f);
    std::vector<ft::io::TensorView> views;
    for (const auto& name : ckpt->names()) {
        if (name == dropped) continue;
        ft::io::TensorView v = *ckpt->find(name);
        if (name == reshaped) {
            v.dtype = ft::io::DType::F32;
            v.shape = wrongShape;
            v.data = bogus.data();
            v.nbytes = bogus.size() * 4;
        }
        views.push_back(v);
    }
    if (!unexpected.empty()) {
        ft::io::TensorView extra = views.front();
        extra.name = unexpected;
        views.push_back(extra);
    }
    return QDir().mkpath(to) && ft::io::writeCheckpoint(to.toStdString(), views).ok() &&
           QFile::copy(from + QStringLiteral("/config.json"), to + QStringLiteral("/config.json"));
}
