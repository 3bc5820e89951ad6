# Debian packages: build them and run the install test (root; namespaces,
# chroot over an overlay of /, the host is never modified).  Not part of
# `make check`: CI runs `make installcheck-deb`.  Needs the git tree with
# its debian/ directory, so nothing here goes into the dist tarball.
#   make installcheck-deb                 build the .debs, then install-test
#   make installcheck-deb DEB_DIR=/tmp/x  test .debs built before
# Include from Makefile.am:   include tests/deb/local.mk
DEB_DIR =
installcheck-deb:
	$(abs_top_srcdir)/tests/deb/install-test.sh $(DEB_DIR)
debs:
	$(abs_top_srcdir)/scripts/build-debs.sh $(abs_top_builddir)/debs
.PHONY: installcheck-deb debs
clean-local: clean-debs
clean-debs:
	rm -rf debs
.PHONY: clean-debs
