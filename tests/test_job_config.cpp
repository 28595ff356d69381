// job.json: the one job format of the GUI and the CLI — strict parsing with named fields.

#include <QtTest>

#include "core/api/job_config.h"

using namespace ft;

class TestJobConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip() {
        api::JobConfig job;
        job.name = "round";
        job.task = api::Task::CausalLM;
        job.model.path = "/models/gpt2";
        job.model.fromScratch = true;
        job.data.train = "/data/train.jsonl";
        job.data.groupColumns = {"gender", "age"};
        job.training.schedule = api::Schedule::Cosine;
        job.training.optimizer = api::Optimizer::Sgd;
        job.training.learningRate = 0.25;
        job.training.seed = 7;
        job.training.distributedTimeoutS = 15;
        job.training.precision = "bf16";
        job.data.test = "held-out.csv";
        job.data.encoding = "latin-1";
        job.freezing.lowerBlocks = 3;
        job.freezing.layerLrDecay = 0.8;
        job.lora.rank = 4;
        job.lora.alpha = 32;
        job.lora.targetModules = {"c_attn", "c_proj"};
        job.lora.rsLora = true;
        job.evaluation.intersections = {{"gender", "age"}};
        job.evaluation.counterfactual = false;
        job.data.augmentation.enabled = true;
        job.data.augmentation.probability = 0.25;
        job.data.augmentation.randomSwap = 0;
        job.data.augmentation.wordnetDir = "/opt/wordnet";
        job.training.earlyStoppingMetric = "perplexity";
        job.training.earlyStoppingMode = "min";
        job.training.earlyStoppingMinDelta = 0.01;
        job.training.labelSmoothing = 0.1;
        job.training.dropout = 0.2;
        job.data.splitColumn = "fold";
        job.data.cleaning.trim = true;
        job.data.cleaning.deduplicate = "near";
        job.data.cleaning.dropMissingLabel = false;
        const std::string text = api::jobConfigToJson(job);
        auto back = api::parseJobConfig(text, "job.json");
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QCOMPARE(api::jobConfigToJson(*back), text);
        QCOMPARE(back->task, api::Task::CausalLM);
        QCOMPARE(back->data.groupColumns, job.data.groupColumns);
        QCOMPARE(back->training.schedule, api::Schedule::Cosine);
        QCOMPARE(back->freezing.lowerBlocks, int64_t(3));
        QCOMPARE(back->lora.rank, int64_t(4));
        QCOMPARE(back->lora.targetModules, job.lora.targetModules);
        QVERIFY(back->lora.rsLora);
        QCOMPARE(back->evaluation.intersections, job.evaluation.intersections);
        QVERIFY(!back->evaluation.counterfactual);
        QCOMPARE(back->training.distributedTimeoutS, int64_t(15));
        QCOMPARE(back->training.precision, std::string("bf16"));
        QCOMPARE(back->data.test, std::string("held-out.csv"));
        QCOMPARE(back->data.encoding, std::string("latin-1"));
        QVERIFY(back->data.augmentation.enabled);
        QCOMPARE(back->data.augmentation.probability, 0.25);
        QCOMPARE(back->data.augmentation.randomSwap, 0.0);
        QCOMPARE(back->data.augmentation.wordnetDir, std::string("/opt/wordnet"));
        QCOMPARE(back->training.earlyStoppingMetric, std::string("perplexity"));
        QCOMPARE(back->training.earlyStoppingMode, std::string("min"));
        QCOMPARE(back->training.earlyStoppingMinDelta, 0.01);
        QCOMPARE(back->training.labelSmoothing, 0.1);
        QCOMPARE(back->training.dropout, 0.2);
        QCOMPARE(back->data.splitColumn, std::string("fold"));
        QVERIFY(back->data.cleaning.trim && !back->data.cleaning.dropEmpty && !back->data.cleaning.dropMissingLabel);
        QCOMPARE(back->data.cleaning.deduplicate, std::string("near"));
        // The model's own dropout is written as null and read back as "not set".
        api::JobConfig own;
        own.model.path = "m";
        own.data.train = "t.csv";
        const std::string ownText = api::jobConfigToJson(own);
        QVERIFY(ownText.find("\"dropout\": null") != std::string::npos);
        auto ownBack = api::parseJobConfig(ownText, "job.json");
        QVERIFY(ownBack.ok());
        QCOMPARE(ownBack->training.dropout, -1.0);

        api::JobConfig classify;
        classify.model.path = "m";
        classify.data.train = "t.csv";
        classify.data.fewShotPerClass = 8;
        auto fewShot = api::parseJobConfig(api::jobConfigToJson(classify), "job.json");
        QVERIFY2(fewShot.ok(), fewShot.ok() ? "" : fewShot.error().describe().c_str());
        QCOMPARE(fewShot->data.fewShotPerClass, int64_t(8));
    }

    void relativePathsResolveAgainstTheJobFolder() {
        auto job = api::parseJobConfig(R"({"version":1,"model":{"path":"m"},"data":{"train":"d/t.csv"}})", "job.json", "/base");
        QVERIFY(job.ok());
        QCOMPARE(job->model.path, std::string("/base/m"));
        QCOMPARE(job->data.train, std::string("/base/d/t.csv"));
    }

    void errors_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("line");
        const QString ok = QStringLiteral(R"("model":{"path":"m"},"data":{"train":"t.csv"})");
        QTest::newRow("not json") << QStringLiteral("{\n\"version\": 1,\n oops }") << "job.invalid_json" << "" << 3;
        QTest::newRow("unknown top key") << QStringLiteral("{%1,\"epochz\":3}").arg(ok) << "job.unknown_key" << "epochz" << -1;
        QTest::newRow("unknown nested key")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"batchsize":4}})") << "job.unknown_key"
            << "training.batchsize" << -1;
        QTest::newRow("wrong type") << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"epochs":"3"}})")
                                    << "job.invalid_field" << "training.epochs" << -1;
        QTest::newRow("bad schedule")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"schedule":"step"}})") << "job.invalid_field"
            << "training.schedule" << -1;
        QTest::newRow("bad task") << QStringLiteral("{%1,\"task\":\"translate\"}").arg(ok) << "job.invalid_field" << "task" << -1;
        QTest::newRow("missing model") << QStringLiteral(R"({"data":{"train":"t.csv"}})") << "job.invalid_field" << "model.path" << -1;
        QTest::newRow("zero batch") << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"batch_size":0}})")
                                    << "job.invalid_field" << "training.batch_size" << -1;
        QTest::newRow("zero distributed timeout")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"distributed_timeout_s":0}})")
            << "job.invalid_field" << "training.distributed_timeout_s" << -1;
        QTest::newRow("bad precision")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"precision":"fp8"}})")
            << "job.invalid_field" << "training.precision" << -1;
        QTest::newRow("future version") << QStringLiteral("{%1,\"version\":9}").arg(ok) << "job.unsupported_version" << "version" << -1;
        QTest::newRow("lora rank 0") << QStringLiteral("{%1,\"lora\":{\"enabled\":true,\"r\":0}}").arg(ok) << "job.invalid_field"
                                     << "lora.r" << -1;
        QTest::newRow("lora unknown key") << QStringLiteral("{%1,\"lora\":{\"rank\":4}}").arg(ok) << "job.unknown_key"
                                          << "lora.rank" << -1;
        QTest::newRow("lora from scratch")
            << QStringLiteral(R"({"model":{"path":"m","from_scratch":true},"data":{"train":"t.csv"},"lora":{"enabled":true}})")
            << "job.invalid_field" << "lora.enabled" << -1;
        QTest::newRow("intersection of unknown column")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","group_columns":["g"]},"evaluation":{"intersections":[["g","h"]]}})")
            << "job.invalid_field" << "evaluation.intersections" << -1;
        QTest::newRow("intersections not nested")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"evaluation":{"intersections":["g","h"]}})")
            << "job.invalid_field" << "evaluation.intersections" << -1;
        QTest::newRow("augmentation unknown key")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","augmentation":{"synonyms":0.1}}})")
            << "job.unknown_key" << "data.augmentation.synonyms" << -1;
        QTest::newRow("augmentation deletion of every word")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","augmentation":{"enabled":true,"random_deletion":1}}})")
            << "job.invalid_field" << "data.augmentation.random_deletion" << -1;
        QTest::newRow("augmentation share above 1")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","augmentation":{"enabled":true,"random_swap":1.5}}})")
            << "job.invalid_field" << "data.augmentation.random_swap" << -1;
        QTest::newRow("unknown encoding")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","encoding":"cp1252"}})") << "job.invalid_field"
            << "data.encoding" << -1;
        QTest::newRow("augmentation with nothing to do")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","augmentation":{"enabled":true,)"
                              R"("synonym_replacement":0,"random_swap":0,"random_deletion":0}}})")
            << "job.invalid_field" << "data.augmentation.enabled" << -1;
        QTest::newRow("augmentation of chat rows")
            << QStringLiteral(R"({"task":"causal_lm","model":{"path":"m"},"data":{"train":"t.jsonl","format":"chat",)"
                              R"("augmentation":{"enabled":true}}})")
            << "job.invalid_field" << "data.augmentation.enabled" << -1;
        QTest::newRow("few-shot negative")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","few_shot_per_class":-1}})")
            << "job.invalid_field" << "data.few_shot_per_class" << -1;
        QTest::newRow("few-shot for a language model")
            << QStringLiteral(R"({"task":"causal_lm","model":{"path":"m"},"data":{"train":"t.csv","few_shot_per_class":4}})")
            << "job.invalid_field" << "data.few_shot_per_class" << -1;
        const auto training = [](const char* body) {
            return QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{%1}})").arg(QLatin1String(body));
        };
        QTest::newRow("label smoothing 1") << training(R"("label_smoothing":1)") << "job.invalid_field" << "training.label_smoothing" << -1;
        QTest::newRow("dropout 1") << training(R"("dropout":1.0)") << "job.invalid_field" << "training.dropout" << -1;
        QTest::newRow("negative l2-sp") << training(R"("l2_sp":-0.1)") << "job.invalid_field" << "training.l2_sp" << -1;
        QTest::newRow("l2-sp with lora")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv"},"training":{"l2_sp":0.01},"lora":{"enabled":true}})")
            << "job.invalid_field" << "training.l2_sp" << -1;
        QTest::newRow("unknown stopping metric")
            << training(R"("early_stopping_metric":"bleu")") << "job.invalid_field" << "training.early_stopping_metric" << -1;
        QTest::newRow("perplexity for a classifier")
            << training(R"("early_stopping_metric":"perplexity")") << "job.invalid_field" << "training.early_stopping_metric" << -1;
        QTest::newRow("accuracy for a language model")
            << QStringLiteral(R"({"task":"causal_lm","model":{"path":"m"},"data":{"train":"t.csv"},"training":{"early_stopping_metric":"accuracy"}})")
            << "job.invalid_field" << "training.early_stopping_metric" << -1;
        QTest::newRow("bad stopping mode") << training(R"("early_stopping_mode":"up")") << "job.invalid_field" << "training.early_stopping_mode" << -1;
        QTest::newRow("negative min delta")
            << training(R"("early_stopping_min_delta":-1)") << "job.invalid_field" << "training.early_stopping_min_delta" << -1;
        QTest::newRow("bad dedup")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","cleaning":{"deduplicate":"fuzzy"}}})")
            << "job.invalid_field" << "data.cleaning.deduplicate" << -1;
        QTest::newRow("cleaning unknown key")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","cleaning":{"lowercase":true}}})")
            << "job.unknown_key" << "data.cleaning.lowercase" << -1;
        QTest::newRow("split column and validation file")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","validation":"v.csv","split_column":"s"}})")
            << "job.invalid_field" << "data.split_column" << -1;
        QTest::newRow("stratify by no group")
            << QStringLiteral(R"({"model":{"path":"m"},"data":{"train":"t.csv","stratify_by_group":true}})")
            << "job.invalid_field" << "data.stratify_by_group" << -1;
        QTest::newRow("top not object") << QStringLiteral("[1,2]") << "job.invalid_field" << "" << -1;
    }

    void errors() {
        QFETCH(QString, json);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QFETCH(int, line);
        auto job = api::parseJobConfig(json.toStdString(), "my-job.json");
        QVERIFY(!job.ok());
        QCOMPARE(QString::fromStdString(job.error().code), code);
        QCOMPARE(QString::fromStdString(job.error().field), field);
        QCOMPARE(int(job.error().line), line);
        QCOMPARE(QString::fromStdString(job.error().file), QStringLiteral("my-job.json"));
        QVERIFY(!job.error().message.empty());
    }
};

QTEST_GUILESS_MAIN(TestJobConfig)
#include "test_job_config.moc"
