# core/io suites.
ft_add_test(test_safetensors SOURCES test_safetensors.cpp LIBS ft_core_io)
ft_add_test(test_hf_config SOURCES test_hf_config.cpp LIBS ft_core_io)
ft_add_test(test_hf_folder SOURCES test_hf_folder.cpp LIBS ft_core_io)
ft_add_test(test_remove_tree SOURCES test_remove_tree.cpp LIBS ft_core_io)
