# core/tokenize suites.
ft_add_test(test_tokenizer SOURCES test_tokenizer.cpp LIBS ft_core_tokenize)
ft_add_test(test_tokenizer_train SOURCES test_tokenizer_train.cpp LIBS ft_core_tokenize)
ft_add_test(test_tokenizer_errors SOURCES test_tokenizer_errors.cpp LIBS ft_core_tokenize)
