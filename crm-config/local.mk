# crm-config: the crmsh and Heartbeat R1 templates and wsctl, which
# renders them, checks both nodes and drives either stack.
#
# wsctl is a shell script kept executable in crm-config/ so that the lint
# test finds it and the tests run it from the source tree; installing
# rewrites the lines that name the installed locations (WS_SBINDIR,
# WS_TEMPLATEDIR, WS_LIBDIR, WS_OCF_AGENTDIR, WS_HBRESOURCEDIR) and its
# release (WS_VERSION): the edit rule in Makefile.am.

# The templates, with the fragments rendered once per VIP, service, link
# or node into the blocks of pacemaker.crm and corosync.conf.
WSCTL_TEMPLATES = crm-config/templates/pacemaker.crm crm-config/templates/ha.cf \
	crm-config/templates/haresources crm-config/templates/corosync.conf \
	crm-config/templates/corosync-node.conf crm-config/templates/corosync-ring.conf \
	crm-config/templates/pacemaker-vip.crm crm-config/templates/pacemaker-service.crm \
	crm-config/templates/pacemaker-l2link.crm
# wsctl's modules, one file per command group (sourced by wsctl).
WSCTL_MODULES = crm-config/wsctl.d/msg.sh crm-config/wsctl.d/validate.sh \
	crm-config/wsctl.d/conf.sh crm-config/wsctl.d/render.sh \
	crm-config/wsctl.d/usage.sh crm-config/wsctl.d/fosconf.sh \
	crm-config/wsctl.d/remote.sh crm-config/wsctl.d/pair.sh \
	crm-config/wsctl.d/activate.sh crm-config/wsctl.d/status.sh \
	crm-config/wsctl.d/disable.sh crm-config/wsctl.d/handover.sh \
	crm-config/wsctl.d/choices.sh crm-config/wsctl.d/copy.sh \
	crm-config/wsctl.d/histlogic.sh crm-config/wsctl.d/history.sh \
	crm-config/wsctl.d/replicate.sh
EXTRA_DIST += crm-config/wsctl
templatedir = $(datadir)/warmstandby/templates
wsctllibdir = $(datadir)/warmstandby/wsctl

# wsctl edited (Makefile.am), its templates and modules as they are.
sbin_SCRIPTS = edited/crm-config/wsctl
EDITED_COPIES += $(sbin_SCRIPTS)
dist_template_DATA = $(WSCTL_TEMPLATES)
dist_wsctllib_DATA = $(WSCTL_MODULES)

# The unit that runs 'wsctl replicate --loop' on the master: the gateway
# agent starts it on promote (activate names it in promoted_units), so it
# is never enabled (no [Install]).  It names $(sbindir)/wsctl.
systemdsystemunit_DATA += crm-config/ws-replicate.service
CLEANFILES += crm-config/ws-replicate.service
EXTRA_DIST += crm-config/ws-replicate.service.in
crm-config/ws-replicate.service: crm-config/ws-replicate.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) crm-config && \
		sed -e 's|@sbindir[@]|$(sbindir)|g' \
		'$(srcdir)/crm-config/ws-replicate.service.in' >$@.tmp && mv $@.tmp $@

# --- tests without a cluster: templates, usage, functions, config fuzz ---
WSCTL_TESTS = tests/crm-config/templates.sh tests/crm-config/usage.sh \
	tests/crm-config/functions.sh tests/crm-config/conf-fuzz.sh \
	tests/crm-config/history.sh tests/crm-config/fosconf-agree.sh \
	tests/crm-config/replicate.sh
TESTS += $(WSCTL_TESTS)
dist_check_SCRIPTS += $(WSCTL_TESTS)
EXTRA_DIST += tests/crm-config/lib.sh tests/crm-config/corpus
# libberofos's berofos.conf loader, which fosconf-agree.sh holds wsctl's
# shell reader to.
check_PROGRAMS += tests/crm-config/fosconf-dump
tests_crm_config_fosconf_dump_SOURCES = tests/crm-config/fosconf_dump.c
tests_crm_config_fosconf_dump_LDADD = berofos/libfosbase.la

# --- testbed scenarios (root, network namespaces): wsctl on each stack ---
WSCTL_NETNS_TESTS = tests/crm-config/wsctl-pacemaker.sh tests/crm-config/wsctl-heartbeat.sh
NETNS_TESTS += $(WSCTL_NETNS_TESTS)
dist_check_SCRIPTS += $(WSCTL_NETNS_TESTS)
EXTRA_DIST += tests/crm-config/tb-wsctl.sh
