# ocf: the OCF agents (provider "warmstandby") and the Heartbeat R1
# wrappers, their loopback tests and their testbed scenarios.
#
# The agents are shell scripts kept executable in ocf/ so that the lint
# tests find them; installing rewrites the one line of each that names the
# installed location of our programs (WS_SBINDIR, WS_OCF_AGENTDIR): the
# edit rule in Makefile.am.

OCF_AGENTS = ocf/gateway ocf/linesw ocf/l2link
HB_R1_WRAPPERS = ocf/resource.d/WarmstandbyGateway ocf/resource.d/WarmstandbyLinesw
# Shell shared by the agents and the wrappers, as resource-agents keeps its
# *-common.sh in ${OCF_ROOT}/lib/heartbeat: ours in ${OCF_ROOT}/lib/warmstandby.
ocfwslibdir = $(ocfroot)/lib/warmstandby
OCF_COMMON = ocf/ws-common.sh
dist_ocfwslib_DATA = $(OCF_COMMON)
# Heartbeat R1's respawned helper r1-peer-fence is a program (stonith/local.mk).
EXTRA_DIST += $(OCF_AGENTS) $(HB_R1_WRAPPERS)

# The stack's liveness checker that linesw starts beside fos-kickd, and
# its unit ws-stack-alive@SWITCH.service (never enabled: no [Install]).
dist_ocfwslib_SCRIPTS = ocf/helpers/ws-stack-alive
systemdsystemunit_DATA += ocf/ws-stack-alive@.service
CLEANFILES += ocf/ws-stack-alive@.service
EXTRA_DIST += ocf/ws-stack-alive@.service.in
ocf/ws-stack-alive@.service: ocf/ws-stack-alive@.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) ocf && \
		sed -e 's|@ocfwslibdir[@]|$(ocfwslibdir)|g' \
		'$(srcdir)/ocf/ws-stack-alive@.service.in' >$@.tmp && mv $@.tmp $@

# Installed edited (Makefile.am): the agents name $(sbindir), the wrappers
# the agents' directory.
ocfagent_SCRIPTS = $(OCF_AGENTS:%=edited/%)
hbresource_SCRIPTS = $(HB_R1_WRAPPERS:%=edited/%)
EDITED_COPIES += $(ocfagent_SCRIPTS) $(hbresource_SCRIPTS)

# --- loopback tests: the agents against fosemu on 127.0.0.1 ---------------
OCF_LOOPBACK_TESTS = tests/ocf/ocf-tester.sh tests/ocf/gateway-roles.sh \
	tests/ocf/linesw-errors.sh tests/ocf/r1-contract.sh tests/ocf/stack-alive.sh
TESTS += $(OCF_LOOPBACK_TESTS)
dist_check_SCRIPTS += $(OCF_LOOPBACK_TESTS)
EXTRA_DIST += tests/ocf/lib.sh

# --- testbed scenarios (root, network namespaces; one cluster at a time) ---
# Pacemaker: four scenarios on one cluster start-up; Heartbeat R1 (ucast).
OCF_NETNS_TESTS = tests/ocf/pcmk-gateway.sh tests/ocf/hb-gateway.sh
NETNS_TESTS += $(OCF_NETNS_TESTS)
dist_check_SCRIPTS += $(OCF_NETNS_TESTS)
EXTRA_DIST += tests/ocf/tb-ocf.sh
