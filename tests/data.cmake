# core/data suites; fixtures are written into a QTemporaryDir at run time.
ft_add_test(test_csv_reader SOURCES test_csv_reader.cpp LIBS ft_core_data)
ft_add_test(test_jsonl_reader SOURCES test_jsonl_reader.cpp LIBS ft_core_data)
ft_add_test(test_row_index SOURCES test_row_index.cpp LIBS ft_core_data)
ft_add_test(test_schema SOURCES test_schema.cpp LIBS ft_core_data)
ft_add_test(test_splits SOURCES test_splits.cpp LIBS ft_core_data)
ft_add_test(test_stats SOURCES test_stats.cpp LIBS ft_core_data)
ft_add_test(test_augment SOURCES test_augment.cpp LIBS ft_core_data)
