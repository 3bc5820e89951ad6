#!/bin/sh
# placeholder until the testbed lands
exit 77
