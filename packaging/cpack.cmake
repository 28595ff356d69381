# CPack configuration, included from packaging/CMakeLists.txt. `cpack` in the build folder makes the
# default generators of the host (Linux: TGZ, DEB and, with rpmbuild, RPM; Windows: NSIS and ZIP;
# macOS: DragNDrop); `cpack -G DEB` one of them. docs/packaging.md.

set(CPACK_PACKAGE_NAME finetune-studio)
set(CPACK_PACKAGE_VENDOR "Finetune Studio")
set(CPACK_PACKAGE_CONTACT "Finetune Studio <dev@finetune.studio>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Fine-tune Hugging Face language models on your own computer")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Finetune Studio")
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Release binaries without their debug info (RelWithDebInfo: finetune is ~170 MB with it, ~4 MB without).
set(CPACK_STRIP_FILES ON)
# Generator-specific tweaks at cpack time (the DEB summary per package).
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_SOURCE_DIR}/cpack-project-config.cmake)

set(CPACK_COMPONENTS_ALL cli)
if(FT_BUILD_GUI)
  list(APPEND CPACK_COMPONENTS_ALL gui)
endif()
set(CPACK_COMPONENT_CLI_DISPLAY_NAME "Command-line tool (finetune)")
set(CPACK_COMPONENT_CLI_REQUIRED ON)
set(CPACK_COMPONENT_GUI_DISPLAY_NAME "Finetune Studio desktop application")
set(CPACK_COMPONENT_GUI_DEPENDS cli)

# Descriptions: lines under 80 columns (Debian policy); DEB separates paragraphs with " .".
set(_ft_about "Finetune Studio fine-tunes pretrained Hugging Face language models
(GPT-2, BERT, DistilBERT, the Llama family) for sequence classification or
causal language modelling, with full fine-tuning or LoRA, evaluation with
fairness slices and a counterfactual swap test, and export to Hugging Face
or PEFT folders. No Python environment is needed.")
set(_ft_cli_about "This package holds the command-line tool, finetune, which runs jobs without
a display (servers), its man page and a demo data set with a job.")
set(_ft_gui_about "This package holds the Qt desktop application, finetune-studio, with its
menu entry, icons, AppStream metadata and the MIME type of job files
(*.ftjob.json).")
set(CPACK_COMPONENT_CLI_DESCRIPTION "${_ft_about}\n\n${_ft_cli_about}")
set(CPACK_COMPONENT_GUI_DESCRIPTION "${_ft_about}\n\n${_ft_gui_about}")

if(UNIX AND NOT APPLE)
  set(CPACK_GENERATOR TGZ DEB)
  find_program(FT_RPMBUILD rpmbuild)
  if(FT_RPMBUILD)
    list(APPEND CPACK_GENERATOR RPM)
  endif()
  # Archives: everything in one relocatable tree (bin/, lib/finetune-studio/, share/).
  set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)

  # DEB: one package per component; Depends computed by dpkg-shlibdeps from the binaries (Qt 6,
  # LibTorch, QCustomPlot, sentencepiece, ... as Debian 12 packages them).
  set(CPACK_DEB_COMPONENT_INSTALL ON)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
  set(CPACK_DEBIAN_PACKAGE_SECTION science)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
  set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
  set(CPACK_DEBIAN_CLI_PACKAGE_NAME finetune-studio-cli)
  set(CPACK_DEBIAN_GUI_PACKAGE_NAME finetune-studio)
  set(CPACK_DEBIAN_CLI_DESCRIPTION
    "Fine-tune Hugging Face language models (command-line tool)\n${_ft_about}\n.\n${_ft_cli_about}")
  set(CPACK_DEBIAN_GUI_DESCRIPTION
    "Fine-tune Hugging Face language models (desktop application)\n${_ft_about}\n.\n${_ft_gui_about}")
  # Fast BLAS for LibTorch on CPU (shared/docs/PLATFORM.md: 20x the reference BLAS); Qt's own
  # translations (qtbase_*.qm) for the translated UI.
  set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS libopenblas0-openmp)
  set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS qt6-translations-l10n)

  # RPM: same split. Built from the Debian binaries, so the computed Requires name Debian's sonames
  # (libtorch_cpu.so etc. from Debian's 1.13 build): usable where those libraries exist, otherwise
  # build on the target distribution (docs/packaging.md).
  set(CPACK_RPM_COMPONENT_INSTALL ON)
  set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
  set(CPACK_RPM_PACKAGE_RELEASE 1)
  set(CPACK_RPM_PACKAGE_LICENSE "Unspecified")
  set(CPACK_RPM_PACKAGE_GROUP "Applications/Engineering")
  set(CPACK_RPM_PACKAGE_AUTOREQ ON)
  set(CPACK_RPM_CLI_PACKAGE_NAME finetune-studio-cli)
  set(CPACK_RPM_GUI_PACKAGE_NAME finetune-studio)
  set(CPACK_RPM_CLI_PACKAGE_SUMMARY "Fine-tune Hugging Face language models (command-line tool)")
  set(CPACK_RPM_GUI_PACKAGE_SUMMARY "Fine-tune Hugging Face language models (desktop application)")
  set(CPACK_RPM_CLI_PACKAGE_DESCRIPTION "${CPACK_COMPONENT_CLI_DESCRIPTION}")
  set(CPACK_RPM_GUI_PACKAGE_DESCRIPTION "${CPACK_COMPONENT_GUI_DESCRIPTION}")
  set(CPACK_RPM_GUI_PACKAGE_REQUIRES "finetune-studio-cli = ${PROJECT_VERSION}")
  # Shared directories the system owns (filesystem, hicolor-icon-theme, shared-mime-info packages).
  list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1 /usr/share/mime
    /usr/share/mime/packages /usr/share/icons /usr/share/icons/hicolor /usr/lib)
  foreach(_size 16x16 32x32 48x48 64x64 128x128 256x256 scalable)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
      /usr/share/icons/hicolor/${_size} /usr/share/icons/hicolor/${_size}/apps)
  endforeach()
elseif(WIN32)
  # NSIS (.exe installer) by default; `cpack -G WIX` makes an .msi with the WiX Toolset v3.
  set(CPACK_GENERATOR NSIS ZIP)
  set(CPACK_NSIS_PACKAGE_NAME "Finetune Studio")
  set(CPACK_NSIS_DISPLAY_NAME "Finetune Studio ${PROJECT_VERSION}")
  set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
  set(CPACK_NSIS_MUI_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/finetune-studio.ico")
  set(CPACK_NSIS_MUI_UNIICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/finetune-studio.ico")
  set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\finetune-studio.exe")
  set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
  set(CPACK_NSIS_MODIFY_PATH ON)  # offers to put bin\ (finetune.exe) on PATH
  set(CPACK_NSIS_MUI_FINISHPAGE_RUN finetune-studio.exe)
  set(CPACK_PACKAGE_EXECUTABLES finetune-studio "Finetune Studio")
  set(CPACK_WIX_UPGRADE_GUID "6C0E8A7B-3F0D-4B8E-9E3A-2D5B1F6C9A41")  # never change: upgrades replace
  set(CPACK_WIX_PRODUCT_ICON "${CMAKE_CURRENT_SOURCE_DIR}/windows/finetune-studio.ico")
  set(CPACK_WIX_PROGRAM_MENU_FOLDER "Finetune Studio")
elseif(APPLE)
  set(CPACK_GENERATOR DragNDrop)
  set(CPACK_DMG_VOLUME_NAME "Finetune Studio")
  set(CPACK_DMG_FORMAT UDZO)
  set(CPACK_PACKAGE_ICON "${CMAKE_CURRENT_SOURCE_DIR}/macos/finetune-studio.icns")
endif()

include(CPack)
