#!/usr/bin/env node
// Installs, repairs or uninstalls the Deno kernelspec whose interrupts never end the kernel.
import '../lib/kernel/kernelspec-cli.js';
