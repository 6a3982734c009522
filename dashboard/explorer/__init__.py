"""Pure logic behind the analysts' workbench: filtering facts, marking report text, labels."""
