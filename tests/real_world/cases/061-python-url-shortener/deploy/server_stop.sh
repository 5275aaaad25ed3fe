#!/bin/bash
systemctl stop url_shortener.service
