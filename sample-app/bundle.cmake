# Stages the sample app's CodeDeploy bundle at build time: <build>/sample-app/bundle, written by
# make-bundle.sh with its defaults (prefix /opt/cdrun-sample, nginx on port 80 -> 5000), ready for
# `cdrun validate --strict` and `cdrun deploy -l`. Included at the end of sample-app/CMakeLists.txt.
set(CDRUN_SAMPLE_BUNDLE_DIR ${CMAKE_CURRENT_BINARY_DIR}/bundle)
file(GLOB_RECURSE CDRUN_SAMPLE_BUNDLE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bundle/*)

add_custom_command(
  OUTPUT ${CDRUN_SAMPLE_BUNDLE_DIR}/appspec.yml
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/make-bundle.sh
          --app-binary $<TARGET_FILE:cdrun-sample-app> --out ${CDRUN_SAMPLE_BUNDLE_DIR}
  DEPENDS cdrun-sample-app ${CMAKE_CURRENT_SOURCE_DIR}/make-bundle.sh ${CDRUN_SAMPLE_BUNDLE_SOURCES}
  COMMENT "Staging the sample app's CodeDeploy bundle in ${CDRUN_SAMPLE_BUNDLE_DIR}"
  VERBATIM)
add_custom_target(sample-app-bundle ALL DEPENDS ${CDRUN_SAMPLE_BUNDLE_DIR}/appspec.yml)
