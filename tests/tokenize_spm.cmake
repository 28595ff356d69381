# The sentencepiece bridge (core/tokenize/spm_*). Links LibTorch on purpose: the shim exists so that
# sentencepiece works in a process that also loads libtorch (PLATFORM.md).
if(TARGET ft_spm_shim)
  ft_add_test(test_sentencepiece SOURCES test_sentencepiece.cpp spm_tools.cpp LIBS ft_core_tokenize ${TORCH_LIBRARIES})
  # tokenizer.json's Precompiled normalizer against sentencepiece's own tools (spm_normalize, spm_encode).
  ft_add_test(test_precompiled_normalizer SOURCES test_precompiled_normalizer.cpp spm_tools.cpp LIBS ft_core_tokenize)
endif()
