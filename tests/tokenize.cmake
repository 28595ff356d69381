# core/tokenize suites.
ft_add_test(test_tokenizer SOURCES test_tokenizer.cpp LIBS ft_core_tokenize)
ft_add_test(test_tokenizer_train SOURCES test_tokenizer_train.cpp LIBS ft_core_tokenize)
ft_add_test(test_tokenizer_errors SOURCES test_tokenizer_errors.cpp LIBS ft_core_tokenize)
ft_add_test(test_chat_template SOURCES test_chat_template.cpp LIBS ft_core_tokenize)
target_compile_definitions(test_chat_template PRIVATE FT_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference")
