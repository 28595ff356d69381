# The Hugging Face Hub client: its pure parts (no network), then downloads from tests/hub_server.py
# (a stand-in Hub on a free local port, run with /usr/bin/python3) through the facade, the CLI and
# the Model step's dialog.
ft_add_test(test_hub_protocol SOURCES test_hub_protocol.cpp LIBS ft_core_hub)
if(FT_HAVE_HUB)
  set(_ft_hub_server ${CMAKE_CURRENT_SOURCE_DIR}/hub_server.py)
  ft_add_test(test_hub_download SOURCES test_hub_download.cpp hub_test_server.cpp test_fixtures.cpp LIBS ft_core_api)
  target_compile_definitions(test_hub_download PRIVATE FT_CLI_PATH="$<TARGET_FILE:finetune>" FT_HUB_SERVER="${_ft_hub_server}")
  add_dependencies(test_hub_download finetune)
endif()
if(FT_HAVE_HUB AND TARGET ft_ui)
  ft_add_test(test_hub_dialog SOURCES test_hub_dialog.cpp hub_test_server.cpp test_fixtures.cpp LIBS ft_ui)
  target_compile_definitions(test_hub_dialog PRIVATE FT_HUB_SERVER="${_ft_hub_server}")
endif()
