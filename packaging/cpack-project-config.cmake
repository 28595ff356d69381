# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE).
if(CPACK_GENERATOR STREQUAL "DEB")
  # CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of every component's description unless
  # it is the default; each CPACK_DEBIAN_<COMPONENT>_DESCRIPTION starts with its own summary line.
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
