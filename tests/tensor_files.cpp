#include "tensor_files.h"

#include <QFile>

#include <cstring>

#include <torch/torch.h>

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
