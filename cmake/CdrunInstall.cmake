# `cmake --install` (with --prefix and DESTDIR): the layout of the release tarball and the .deb.
#   bin/cdrun, bin/codedeploy-local -> cdrun
#   lib/systemd/system/cdrun-onprem-renew.{service,timer}   (ExecStart points at this prefix's cdrun)
#   share/bash-completion/completions/cdrun
#   share/doc/cdrun/README.md, LICENSE
include(GNUInstallDirs)

install(TARGETS cdrun RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(CODE "
  set(bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  message(STATUS \"Installing: \${bin}/codedeploy-local -> cdrun\")
  file(CREATE_LINK cdrun \"\${bin}/codedeploy-local\" SYMBOLIC)
")

# The units in the source name /usr/local/bin/cdrun; the installed ones name the installed binary,
# whatever prefix `cmake --install --prefix` was given.
foreach(unit cdrun-onprem-renew.service cdrun-onprem-renew.timer)
  install(CODE "
    file(READ \"${PROJECT_SOURCE_DIR}/packaging/systemd/${unit}\" text)
    string(REPLACE \"/usr/local/bin/cdrun\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/cdrun\" text \"\${text}\")
    set(dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
    message(STATUS \"Installing: \${dir}/${unit}\")
    file(MAKE_DIRECTORY \"\${dir}\")
    file(WRITE \"\${dir}/${unit}\" \"\${text}\")
  ")
endforeach()

install(FILES ${PROJECT_SOURCE_DIR}/packaging/bash-completion/cdrun
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
