#!/bin/bash
cd "$(dirname "$0")"
cp ./url_shortener.service /etc/systemd/system/url_shortener.service

