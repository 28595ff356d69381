# The engine end to end through the torch-free facade (core/api), as the GUI and CLI use it.
ft_add_test(test_job_config SOURCES test_job_config.cpp LIBS ft_core_api)
ft_add_test(test_engine SOURCES test_engine.cpp test_fixtures.cpp LIBS ft_core_api ft_core_io)
ft_add_test(test_cli SOURCES test_cli.cpp test_fixtures.cpp LIBS ft_core_api ft_core_io)
target_compile_definitions(test_cli PRIVATE FT_CLI_PATH="$<TARGET_FILE:finetune>")
add_dependencies(test_cli finetune)
# Instruction / chat fine-tuning data (prompt masks) and an instruction run end to end.
ft_add_test(test_sft SOURCES test_sft.cpp LIBS ft_core_api ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_sft PRIVATE <torch/torch.h>)
# Integrated-gradients explanations, the Classifier facade and `finetune explain` / `predict`.
ft_add_test(test_attributions SOURCES test_attributions.cpp test_fixtures.cpp LIBS ft_core_api ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_attributions PRIVATE <torch/torch.h>)
target_compile_definitions(test_attributions PRIVATE FT_CLI_PATH="$<TARGET_FILE:finetune>")
add_dependencies(test_attributions finetune)
# The C heap while a run trains: freed blocks kept for the next step, returned at the end.
ft_add_test(test_training_heap SOURCES test_training_heap.cpp LIBS ft_core_train)
# The memory estimate (`finetune estimate`, the Configure step) against the trainer's own counts.
ft_add_test(test_memory_estimate SOURCES test_memory_estimate.cpp test_fixtures.cpp LIBS ft_core_api)
# Mixed precision: the device's choice, autocast scopes and fp16 loss scaling.
ft_add_test(test_precision SOURCES test_precision.cpp LIBS ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_precision REUSE_FROM test_sft)
# Few-shot, training-split augmentation and the tokenized-data cache as the trainer sees them.
ft_add_test(test_data_options SOURCES test_data_options.cpp LIBS ft_core_api ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_data_options REUSE_FROM test_sft)
# `finetune data`: statistics, problems and issue #5's bad inputs.
ft_add_test(test_dataset_report SOURCES test_dataset_report.cpp LIBS ft_core_api)
# Label smoothing, the dropout override, L2-SP, the early-stopping metric and a split column, end to end.
ft_add_test(test_run_options SOURCES test_run_options.cpp test_fixtures.cpp LIBS ft_core_api ft_core_io ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_run_options REUSE_FROM test_sft)
# Text-to-text (seq2seq_lm) fine-tuning of a tiny T5: data, batches, loss, a run, the adapter.
ft_add_test(test_seq2seq_training SOURCES test_seq2seq_training.cpp test_fixtures.cpp LIBS ft_core_api ft_core_train ${TORCH_LIBRARIES})
target_precompile_headers(test_seq2seq_training REUSE_FROM test_sft)
