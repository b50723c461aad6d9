# The one dependency rule (ARCHITECTURE.md): domain types and rules know no I/O.
# Checked here at configure time on the link graph; tests/architecture checks the includes.
#
# ROLLCALL_PURE_TARGETS may link only the targets listed in ROLLCALL_PURE_ALLOWED.
set(ROLLCALL_PURE_TARGETS rollcall_domain rollcall_rules)
set(ROLLCALL_PURE_ALLOWED rollcall_domain)

function(_rollcall_collect_links target out)
  set(result)
  foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
    get_target_property(libs ${target} ${prop})
    if(libs)
      list(APPEND result ${libs})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES result)
  set(${out} ${result} PARENT_SCOPE)
endfunction()

foreach(pure IN LISTS ROLLCALL_PURE_TARGETS)
  if(NOT TARGET ${pure})
    continue()
  endif()
  _rollcall_collect_links(${pure} links)
  foreach(lib IN LISTS links)
    if(NOT lib IN_LIST ROLLCALL_PURE_ALLOWED)
      message(FATAL_ERROR
        "Architecture rule broken: ${pure} links '${lib}'. The domain and the rules are pure "
        "(no I/O, no third-party runtime); they may link only: ${ROLLCALL_PURE_ALLOWED}. "
        "See ARCHITECTURE.md.")
    endif()
  endforeach()
endforeach()
