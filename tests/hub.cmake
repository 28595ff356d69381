# The Hugging Face Hub client: its pure parts (no network), then downloads from tests/hub_server.py
# (a stand-in Hub on a free local port, run with /usr/bin/python3) through the facade, the CLI and
# the Model step's dialog.
ft_add_test(test_hub_protocol SOURCES test_hub_protocol.cpp LIBS ft_core_hub)
