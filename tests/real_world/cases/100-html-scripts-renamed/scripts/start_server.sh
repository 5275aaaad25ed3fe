#!/bin/bash

# Example script to start your web server (replace with your actual server start command)
sudo systemctl start httpd  # Replace with your server's start command
