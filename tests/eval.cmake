# core/eval suites: golden vectors from reference/fairness-eval.md §4.
ft_add_test(test_metrics SOURCES test_metrics.cpp LIBS ft_core_eval)
ft_add_test(test_fairness SOURCES test_fairness.cpp LIBS ft_core_eval)
ft_add_test(test_bootstrap SOURCES test_bootstrap.cpp LIBS ft_core_eval)
ft_add_test(test_swap_list SOURCES test_swap_list.cpp LIBS ft_core_eval)
ft_add_test(test_planted_bias SOURCES test_planted_bias.cpp LIBS ft_core_eval)
ft_add_test(test_html_report SOURCES test_html_report.cpp LIBS ft_core_eval)
