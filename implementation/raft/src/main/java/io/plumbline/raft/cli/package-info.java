/** The {@code ./plumbline simulate} command. */
package io.plumbline.raft.cli;
