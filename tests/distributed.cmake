# Data-parallel training (c10d, Gloo on loopback) through the real CLI. Skips itself when the build has
# no c10d (cmake/FtDistributed.cmake).
ft_add_test(test_distributed SOURCES test_distributed.cpp test_fixtures.cpp LIBS ft_core_api ft_core_io)
target_compile_definitions(test_distributed PRIVATE FT_CLI_PATH="$<TARGET_FILE:finetune>")
add_dependencies(test_distributed finetune)
