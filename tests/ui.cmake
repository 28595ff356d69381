# Qt UI suites (offscreen). Only with the GUI: ft_ui is not built otherwise.
if(TARGET ft_ui)
  ft_add_test(test_ui_models SOURCES test_ui_models.cpp LIBS ft_ui)
  ft_add_test(test_main_window SOURCES test_main_window.cpp LIBS ft_ui)
  ft_add_test(test_ui_runs_compare SOURCES test_ui_runs_compare.cpp test_fixtures.cpp LIBS ft_ui)
endif()
if(TARGET ft_ui)
  # The Playground step: tiny models generate (streamed, stoppable) and classify on its thread.
  ft_add_test(test_playground SOURCES test_playground.cpp test_fixtures.cpp LIBS ft_ui)
endif()
if(TARGET ft_ui)
  # Model → Data → Configure → Train → Evaluate through the window with real training, an event-loop
  # stall probe, and Pause / Resume / Cancel.
  ft_add_test(test_gui_workflow SOURCES test_gui_workflow.cpp test_fixtures.cpp LIBS ft_ui)
endif()
