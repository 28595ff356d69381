# finetune-studio: the desktop app. All logic is in ft_ui; this is only main().
add_executable(finetune-studio gui_main.cpp)
target_link_libraries(finetune-studio PRIVATE ft_ui ft_warnings)
target_compile_definitions(finetune-studio PRIVATE FT_VERSION="${PROJECT_VERSION}" QT_NO_CAST_FROM_ASCII
  QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH QT_NO_CONTEXTLESS_CONNECT)
# BUNDLE: on macOS packaging/ makes it an app bundle (MACOSX_BUNDLE), installed at the DMG's top.
install(TARGETS finetune-studio RUNTIME DESTINATION ${FT_INSTALL_BINDIR} COMPONENT gui
                                BUNDLE DESTINATION . COMPONENT gui)
