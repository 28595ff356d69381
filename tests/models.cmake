# Model zoo: strict loading and numerics against a plain-PyTorch reference (Debian's python3-torch).
ft_add_test(test_gpt2 SOURCES test_gpt2.cpp tensor_files.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
target_compile_definitions(test_gpt2 PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_gpt2 PRIVATE <torch/torch.h>)

ft_add_test(test_bert SOURCES test_bert.cpp tensor_files.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
target_compile_definitions(test_bert PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_bert REUSE_FROM test_gpt2)
ft_add_test(test_llama SOURCES test_llama.cpp tensor_files.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
target_compile_definitions(test_llama PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_llama REUSE_FROM test_gpt2)
# Training end to end per architecture through the torch-free facade.
ft_add_test(test_engine_archs SOURCES test_engine_archs.cpp test_fixtures.cpp LIBS ft_core_api)
# LoRA: PEFT's names, shapes, config text and merge rule.
ft_add_test(test_lora SOURCES test_lora.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
# Same definitions as test_gpt2, or its precompiled header cannot be reused.
target_compile_definitions(test_lora PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_lora REUSE_FROM test_gpt2)
# The shipped starter model: strict load, held-out perplexity far below uniform and random init.
ft_add_test(test_starter_model SOURCES test_starter_model.cpp LIBS ft_core_api ft_core_models ft_core_train ${TORCH_LIBRARIES})
target_compile_definitions(test_starter_model PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference"
  FT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
ft_add_test(test_t5 SOURCES test_t5.cpp tensor_files.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
target_compile_definitions(test_t5 PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_t5 REUSE_FROM test_gpt2)
