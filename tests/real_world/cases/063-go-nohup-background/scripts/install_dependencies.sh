#!/bin/bash
# Example: install dependencies (if any)
sudo apt update
