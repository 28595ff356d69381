# Generation (key/value cache, logits processors, sampling, stopping) and RoPE scaling types.
# Their own precompiled header: reusing test_gpt2's would wait for the whole facade to build.
ft_add_test(test_generate SOURCES test_generate.cpp LIBS ft_core_models ${TORCH_LIBRARIES})
target_precompile_headers(test_generate PRIVATE <torch/torch.h>)
ft_add_test(test_rope SOURCES test_rope.cpp LIBS ft_core_models ${TORCH_LIBRARIES})
target_precompile_headers(test_rope REUSE_FROM test_generate)
