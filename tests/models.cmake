# Model zoo: strict loading and numerics against a plain-PyTorch reference (Debian's python3-torch).
ft_add_test(test_gpt2 SOURCES test_gpt2.cpp LIBS ft_core_models ft_core_export ft_core_api ${TORCH_LIBRARIES})
target_compile_definitions(test_gpt2 PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
target_precompile_headers(test_gpt2 PRIVATE <torch/torch.h>)
